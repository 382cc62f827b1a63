// Cockpit settings of Appeal Desk (this file replaces the webapp's own scripts/config.js): a link to the auditor's
// desk, where finished appeals have their timeline (scripts/desk-link.js).
export default {
  customScripts: ['scripts/desk-link']
};
