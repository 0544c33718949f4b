"""Platform channels behind one boundary; see `aduan.channels.base` for the contract and `registry` for lookup."""
