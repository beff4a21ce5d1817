"""The outline: YAML → located nodes → typed model; the only sub-package that imports yaml."""
