// The demo shop front: loads the catalogue from /api/products and renders it with createElement and
// textContent only (product names are data, not markup).

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
