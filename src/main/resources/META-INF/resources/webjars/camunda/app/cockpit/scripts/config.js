// Cockpit settings of Appeal Desk (this file replaces the webapp's own scripts/config.js): a link to the auditor's
// desk, where finished appeals have their timeline. The script is Tasklist's (custom scripts are loaded from
// /camunda/app/cockpit/ + the name + .js), so both webapps show the same link.
export default {
  customScripts: ['../tasklist/scripts/desk-link']
};
