/*
 * ShopChat loader. Embed with one tag:
 *   <script src="https://shop-chat.example/widget.js" data-server="https://shop-chat.example"
 *           data-locale="en" data-identity="(the token your backend signed, for a signed-in shopper)" defer></script>
 * A classic script on purpose (works in any page); the widget itself is ES modules under /widget/.
 * Once `shopchat:ready` fires, window.ShopChat offers open(), close(), setLocale(locale), identify(token),
 * signOut(), track(type, sku) (view, add_to_cart, remove_from_cart, purchase: what the shopper does on the page,
 * for personal suggestions), and a settable onAddToCart(sku) hook for product cards' "Add to cart".
 */
(function () {
  'use strict';

  var LOG = '[ShopChat]';
  var SUPPORTED_LOCALES = ['en', 'zh'];

  if (window.ShopChat || window.__shopChatLoading) {
    console.warn(LOG + ' widget.js is included more than once; ignoring the extra copy.');
    return;
  }
  window.__shopChatLoading = true;

  var script = document.currentScript
    || document.querySelector('script[src$="widget.js"]')
    || document.querySelector('script[src*="widget.js"]');
  if (!script || !script.src) {
    console.error(LOG + ' cannot find its own <script> tag; load it with <script src=".../widget.js">.');
    return;
  }

  function normalizeLocale(value) {
    if (typeof value !== 'string') return null;
    var base = value.trim().toLowerCase().split(/[-_]/)[0];
    return SUPPORTED_LOCALES.indexOf(base) >= 0 ? base : null;
  }

  function resolveServer(attribute) {
    var raw = (attribute || '').trim();
    if (!raw) return new URL(script.src, document.baseURI).origin;
    var url;
    try {
      url = new URL(raw);
    } catch (e) {
      console.error(LOG + ' data-server="' + raw + '" is not an absolute URL (expected e.g. https://shop-chat.example).');
      return null;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      console.error(LOG + ' data-server must be an http(s) URL, got "' + raw + '".');
      return null;
    }
    if (url.search || url.hash) console.warn(LOG + ' data-server: the query and fragment are ignored.');
    return url.origin + url.pathname.replace(/\/+$/, '');
  }

  function resolveLocale(attribute) {
    if (attribute !== null && attribute.trim() !== '') {
      var locale = normalizeLocale(attribute);
      if (locale) return locale;
      console.error(LOG + ' data-locale="' + attribute + '" is not supported (use "en" or "zh"); using "en".');
      return 'en';
    }
    return /^zh/i.test(navigator.language || '') ? 'zh' : 'en';
  }

  function loadStylesheet(href) {
    return new Promise(function (resolve) {
      var link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      link.onload = function () { resolve(); };
      link.onerror = function () {
        console.error(LOG + ' could not load ' + href + '; the widget will look unstyled.');
        resolve();
      };
      document.head.appendChild(link);
    });
  }

  function whenBodyReady() {
    if (document.body) return Promise.resolve();
    return new Promise(function (resolve) {
      document.addEventListener('DOMContentLoaded', function () { resolve(); }, { once: true });
    });
  }

  var server = resolveServer(script.getAttribute('data-server'));
  if (!server) return;
  var locale = resolveLocale(script.getAttribute('data-locale'));
  var identity = (script.getAttribute('data-identity') || '').trim() || null;
  var wsUrl = server.replace(/^http/, 'ws') + '/chat/ws';

  if (location.protocol === 'https:' && server.indexOf('http:') === 0) {
    console.warn(LOG + ' this https page loads the widget from ' + server + '; browsers block that mixed content.');
  }

  // The stylesheet is awaited so the launcher never flashes unstyled.
  Promise.all([
    loadStylesheet(server + '/widget/widget.css'),
    import(server + '/widget/app.js'),
    whenBodyReady(),
  ]).then(function (loaded) {
    // Methods are fixed; only the page's onAddToCart hook may be set.
    var api = Object.seal(Object.defineProperties({}, {
      open: { value: function () { widget.open(); }, enumerable: true },
      close: { value: function () { widget.close(); }, enumerable: true },
      setLocale: { value: function (next) { return widget.setLocale(next); }, enumerable: true },
      identify: { value: function (token) { return widget.identify(token); }, enumerable: true },
      signOut: { value: function () { widget.signOut(); }, enumerable: true },
      track: { value: function (type, sku) { return widget.track(type, sku); }, enumerable: true },
      onAddToCart: { value: null, writable: true, enumerable: true },
    }));
    var widget = loaded[1].init({
      server: server,
      wsUrl: wsUrl,
      locale: locale,
      container: document.body,
      identity: identity,
      onAddToCart: function (sku) {
        if (typeof api.onAddToCart === 'function') api.onAddToCart(sku);
      },
    });
    window.ShopChat = api;
    window.dispatchEvent(new CustomEvent('shopchat:ready', { detail: { locale: locale, server: server } }));
  }).catch(function (error) {
    console.error(LOG + ' could not start the widget from ' + server + ':', error);
  }).then(function () {
    window.__shopChatLoading = false;
  });
})();
