// Progressive enhancement only: every journey works without JavaScript.
import { initAll } from "../vendor/nhsuk/nhsuk-frontend.min.js";

initAll();
