// placeholder until the reader stage lands
