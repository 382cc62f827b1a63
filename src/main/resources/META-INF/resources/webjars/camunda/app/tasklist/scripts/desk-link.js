// Appeal Desk: a link from the webapps to the auditor's desk (timelines of every appeal, finished ones included, and
// the reports), which Cockpit in the community edition cannot show.
const link = document.createElement('a');
link.href = '/staff/desk';
link.textContent = 'Appeal timelines & reports · 申诉时间线与报告';
link.id = 'appeal-desk-link';
link.setAttribute('style', 'position:fixed;left:12px;bottom:28px;z-index:2000;background:#fff;padding:2px 6px;' +
  'border:1px solid #ccc;font-size:12px');
if (document.body) {
  document.body.appendChild(link);
} else {
  document.addEventListener('DOMContentLoaded', () => document.body.appendChild(link));
}

export default [];
