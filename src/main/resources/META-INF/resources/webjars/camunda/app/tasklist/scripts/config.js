// Tasklist settings of Appeal Desk (this file replaces the webapp's own scripts/config.js).
// Reviewers whose browser prefers Chinese get Tasklist in Simplified Chinese (locales/zh.json, written for
// Appeal Desk); everyone else gets English.
export default {
  // document links in task forms open beside the form (scripts/document-links.js); a link to the auditor's desk
  customScripts: ['scripts/document-links', 'scripts/desk-link'],
  locales: {
    availableLocales: ['en', 'zh'],
    fallbackLocale: 'en'
  },
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
