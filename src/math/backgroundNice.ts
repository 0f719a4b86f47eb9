/** Nice value of background threads (0 = normal, 19 = lowest): jobs, the recommendation model, DuckDB's pool in the server. */
export const BACKGROUND_NICE = 10;
