/** Story builders of notebooks 1–3 (engineer A fills this barrel). */
export {};
