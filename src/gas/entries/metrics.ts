/** Global functions of the metrics feature: its menu items and the functions its sidebar calls. */
export {};
