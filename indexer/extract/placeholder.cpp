// placeholder until the extract stage lands
