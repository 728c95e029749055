// After a failed submit, put the keyboard focus on the error summary (a static file: the CSP
// allows no inline script). Screen reader and keyboard users then start at the list of what
// to correct, whose links lead to the fields (WCAG 2.1, 3.3.1 and 2.4.3).
"use strict";
const errorSummary = document.getElementById("error-summary");
if (errorSummary) {
  errorSummary.focus();
}
