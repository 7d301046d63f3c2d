/** Global functions of the calendar feature: its menu items and the functions its sidebar calls. */
export {};
