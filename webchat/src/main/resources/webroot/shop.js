// The demo shop front: loads the catalogue from /api/products and renders it with createElement and
// textContent only (product names are data, not markup); a make-believe sign-in hands the chat widget a signed
// identity for a demo shopper, and a bag counts what is added, from the page or from the chat's product cards.

const CATEGORY_LABELS = {
  apparel: 'Apparel',
  footwear: 'Footwear',
  home: 'Home',
  electronics: 'Electronics',
  outdoor: 'Outdoor',
};
const KNOWN_IMAGES = new Set(Object.keys(CATEGORY_LABELS));

const grid = document.querySelector('.product-grid');
const filters = document.querySelector('.filters');
const status = document.querySelector('.catalogue-status');
const account = document.querySelector('.account');
const accountSelect = document.querySelector('.account-select');
const bagCount = document.querySelector('.bag-count');

// ---- the demo's sign-in -----------------------------------------------------------------------------------
// The chosen shopper's token is kept, so a reload stays signed in. It goes on the widget's script tag before
// widget.js runs (this module and that deferred script run in document order), so the widget's very first hello
// carries it; changing the shopper calls ShopChat.identify / signOut, and the widget says hello again.

const IDENTITY_KEY = 'demo.identity';
const RENEW_BEFORE_MS = 60 * 60 * 1000;
let signInRequest = 0;

function readIdentity() {
  try {
    const stored = JSON.parse(localStorage.getItem(IDENTITY_KEY) || 'null');
    if (stored && typeof stored.shopperId === 'string' && typeof stored.token === 'string'
      && Date.parse(stored.expiresAt) > Date.now()) return stored;
  } catch {
    // Storage unavailable or garbled: signed out.
  }
  return null;
}

function writeIdentity(identity) {
  try {
    if (identity) localStorage.setItem(IDENTITY_KEY, JSON.stringify(identity));
    else localStorage.removeItem(IDENTITY_KEY);
  } catch {
    // The choice then lasts for this page only.
  }
}

function whenChatReady(callback) {
  if (window.ShopChat) callback(window.ShopChat);
  else window.addEventListener('shopchat:ready', () => callback(window.ShopChat), { once: true });
}

const signedIn = readIdentity();
const widgetScript = document.querySelector('script[src$="widget.js"]');
if (signedIn && widgetScript) widgetScript.setAttribute('data-identity', signedIn.token);

async function signIn(shopperId) {
  const request = ++signInRequest;
  if (!shopperId) {
    writeIdentity(null);
    whenChatReady((chat) => chat.signOut());
    return;
  }
  const response = await fetch(`/demo/identity?shopper=${encodeURIComponent(shopperId)}`,
    { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const { token, expiresAt } = await response.json();
  if (request !== signInRequest) return; // the shopper was changed again meanwhile
  writeIdentity({ shopperId, token, expiresAt });
  whenChatReady((chat) => chat.identify(token));
}

async function setUpSignIn() {
  let shoppers;
  try {
    const response = await fetch('/demo/shoppers', { headers: { Accept: 'application/json' } });
    if (!response.ok) return; // not a demo server: there is no sign-in to offer
    shoppers = (await response.json()).shoppers;
  } catch (error) {
    console.warn('Could not load the demo shoppers:', error);
    return;
  }
  if (!Array.isArray(shoppers)) return;
  for (const shopper of shoppers) {
    const option = el('option', null, shopper.name || shopper.id);
    option.value = shopper.id;
    accountSelect.append(option);
  }
  accountSelect.value = signedIn?.shopperId ?? '';
  account.hidden = false;
  accountSelect.addEventListener('change', () => {
    signIn(accountSelect.value).catch((error) => {
      console.warn('Could not sign in:', error);
      accountSelect.value = readIdentity()?.shopperId ?? '';
    });
  });
  if (signedIn && Date.parse(signedIn.expiresAt) - Date.now() < RENEW_BEFORE_MS) {
    signIn(signedIn.shopperId).catch((error) => console.warn('Could not renew the sign-in:', error));
  }
}

// ---- the bag --------------------------------------------------------------------------------------------

let bagSize = 0;

function addToBag() {
  bagSize += 1;
  bagCount.textContent = String(bagSize);
}

whenChatReady((chat) => {
  chat.onAddToCart = addToBag;
});

// ---- what the shopper looks at, for the chat's personal suggestions ---------------------------------------

function track(type, sku) {
  if (sku) whenChatReady((chat) => chat.track(type, sku));
}

// A chat card's "View" opens #product-SKU: that is a look at the product too.
function trackLinkedProduct() {
  const match = /^#product-(.+)$/.exec(location.hash);
  if (match) track('view', decodeURIComponent(match[1]));
}
window.addEventListener('hashchange', trackLinkedProduct);

// ---- the catalogue --------------------------------------------------------------------------------------

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function formatPrice(priceCents, currency) {
  try {
    const format = new Intl.NumberFormat(document.documentElement.lang || 'en', { style: 'currency', currency });
    return format.format(priceCents / 10 ** format.resolvedOptions().maximumFractionDigits);
  } catch {
    return `${(priceCents / 100).toFixed(2)} ${currency || ''}`.trim();
  }
}

function categoryLabel(category) {
  return CATEGORY_LABELS[category] || (category ? category[0].toUpperCase() + category.slice(1) : 'Other');
}

function fallbackImage(category) {
  return `/img/products/${KNOWN_IMAGES.has(category) ? category : 'home'}.svg`;
}

function productCard(product) {
  const item = el('li', 'product');
  item.dataset.category = product.category || '';
  item.dataset.sku = product.sku || '';
  // The chat's product cards link here (#product-SKU).
  if (product.sku) item.id = `product-${product.sku}`;
  item.dataset.testid = 'product';

  const figure = el('div', 'product-media');
  const img = el('img');
  img.alt = '';
  img.loading = 'lazy';
  img.width = 400;
  img.height = 300;
  img.src = typeof product.image === 'string' && product.image ? product.image : fallbackImage(product.category);
  img.addEventListener('error', () => {
    const fallback = new URL(fallbackImage(product.category), location.href).href;
    if (img.src !== fallback) img.src = fallback;
  });
  figure.append(img);
  const soldOut = Number(product.stock) === 0;
  if (soldOut) figure.append(el('span', 'badge badge-soldout', 'Out of stock'));
  item.append(figure);

  const body = el('div', 'product-body');
  body.append(el('p', 'product-brand', product.brand || categoryLabel(product.category)));
  body.append(el('h3', 'product-title', product.title || product.sku || ''));
  if (product.description) body.append(el('p', 'product-description', product.description));
  const foot = el('div', 'product-foot');
  foot.append(el('span', 'product-price', formatPrice(Number(product.priceCents), product.currency)));
  const button = el('button', 'product-add', soldOut ? 'Sold out' : 'Add to bag');
  button.type = 'button';
  button.disabled = soldOut;
  button.addEventListener('click', () => {
    addToBag();
    track('add_to_cart', product.sku);
  });
  // Opening a product's picture or title counts as viewing it.
  for (const target of [figure, body.querySelector('.product-title')]) {
    target.addEventListener('click', () => track('view', product.sku));
  }
  foot.append(button);
  body.append(foot);
  item.append(body);
  return item;
}

function renderFilters(products, onSelect) {
  const categories = [...new Set(products.map((p) => p.category).filter(Boolean))].sort();
  const options = [['', 'All'], ...categories.map((c) => [c, categoryLabel(c)])];
  for (const [value, label] of options) {
    const chip = el('button', 'chip', label);
    chip.type = 'button';
    chip.dataset.category = value;
    chip.setAttribute('aria-pressed', String(value === ''));
    chip.addEventListener('click', () => {
      for (const other of filters.children) other.setAttribute('aria-pressed', String(other === chip));
      onSelect(value);
    });
    filters.append(chip);
  }
}

function showCategory(category) {
  let visible = 0;
  for (const item of grid.children) {
    const show = !category || item.dataset.category === category;
    item.hidden = !show;
    if (show) visible += 1;
  }
  status.textContent = `${visible} ${visible === 1 ? 'product' : 'products'}`;
}

async function loadProducts() {
  try {
    const response = await fetch('/api/products', { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const data = await response.json();
    if (!Array.isArray(data?.products)) throw new Error('unexpected response shape');
    const products = data.products.filter((p) => p && typeof p === 'object');
    if (!products.length) {
      status.textContent = 'Our shelves are being restocked — please check back soon.';
      return;
    }
    grid.append(...products.map(productCard));
    renderFilters(products, showCategory);
    showCategory('');
  } catch (error) {
    console.warn('Could not load products:', error);
    status.textContent = 'We couldn’t load our products just now. Please refresh the page in a moment.';
    status.classList.add('catalogue-status--error');
  }
}

loadProducts();
setUpSignIn();
trackLinkedProduct();
