"""Open311 GeoReport v2 for the police app (Jogo Malang Presisi): https://wiki.open311.org/GeoReport_v2.

Pure parts only here: the services catalogue (`catalogue`), the XML and JSON documents (`formats`), the
request parameters (`models`) and the error table (`errors`). The use cases are `aduan.services.open311`,
the routes `aduan.open311.api`, the storage `aduan.adapters.open311_store`.
"""
