"""The data format of rules: TOML rules files, source-text checks, plugin validation and the plugin scaffold."""
