// placeholder until the annotate stage lands
