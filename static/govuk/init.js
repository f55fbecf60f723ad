// Initialise all GOV.UK Frontend components. Loaded as
// <script type="module" nonce="..."> under a strict CSP. The base template's
// nonce'd inline script adds the "govuk-frontend-supported" class to <body>.
import { initAll } from "./govuk-frontend.min.js";

initAll();
