/** Global functions of the gantt feature: its menu items and the functions its sidebar calls. */
export {};
