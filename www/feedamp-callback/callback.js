// FeedAMP sends the seller back here: a real path, no fragment (RFC 6749 §3.1.2), so any
// static host serves it with no rewrite rule. The code and state go to the app through
// this tab's sessionStorage, and location.replace drops this URL, code and all, from the
// address bar and the history. A file, not inline: the page's CSP runs no inline script.
(function () {
  try {
    sessionStorage.setItem('orderlint.feedamp.callback', location.search.replace(/^\?/, ''));
  } catch (e) {
    document.documentElement.setAttribute('data-no-storage', '');
  }
  var app = location.pathname.replace(/feedamp-callback\/(index\.html)?$/, '');
  location.replace(app + '#/feedamp/callback');
})();
