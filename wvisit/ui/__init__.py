"""Qt widgets. Nothing below this package imports it; every store call goes through background.Ops."""
