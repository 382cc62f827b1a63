// Appeal Desk: a document link (or the appellant's details) in a task form opens in a new tab, so the form (decision,
// reason, note typed so far) stays as the reviewer left it. Form-js renders Markdown links without a target.
const VIEWER = /\/staff\/(documents\/[^/]+\/viewer|appeals\/[^/]+\/appellant|desk)$/;

document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!link || !VIEWER.test(new URL(link.href, window.location.href).pathname)) {
    return;
  }
  event.preventDefault();
  window.open(link.href, '_blank', 'noopener');
}, true);

export default [];
