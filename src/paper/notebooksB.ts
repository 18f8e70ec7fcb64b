/** Story builders of notebooks 4–6 (engineer B fills this barrel). */
export {};
