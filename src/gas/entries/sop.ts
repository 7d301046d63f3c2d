/** Global functions of the sop feature: its menu items and the functions its sidebar calls. */
export {};
