package com.shopchat.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.commerce.Order.OrderLine;
import com.shopchat.demo.DemoShopBackend;
import com.shopchat.support.DemoShopFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The shop backend client against the demo shop backend")
class HttpShopBackendTest {

  private static final long TIMEOUT_MS = 2000;

  private static Vertx vertx;
  private static DemoShopFixture demo;
  private static HttpShopBackend shop;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    demo = DemoShopFixture.start(vertx);
    shop = client(demo.baseUrl(), DemoShopFixture.API_KEY);
  }

  @AfterAll
  static void stop() throws Exception {
    shop.close();
    demo.close();
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @BeforeEach
  void resetOrders() throws Exception {
    demo.resetOrders();
  }

  private static HttpShopBackend client(String baseUrl, String apiKey) {
    return HttpShopBackend.create(vertx, HttpShopBackend.Options.of(baseUrl, apiKey, TIMEOUT_MS));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(10, TimeUnit.SECONDS);
  }

  private static LocalDate today() {
    return Instant.now().atOffset(ZoneOffset.UTC).toLocalDate();
  }

  @Test
  @DisplayName("An order comes with its shopper's email, tracking, expected date, address, lines and total.")
  void order() throws Exception {
    Order order = await(shop.order("MT-100002"));
    assertEquals("MT-100002", order.number());
    assertEquals("shopper-anna", order.shopperId());
    assertEquals("anna@example.com", order.email());
    assertEquals(Order.SHIPPED, order.status());
    assertEquals("DHL", order.carrier());
    assertEquals("JD014600007415", order.trackingNumber());
    assertEquals("https://www.dhl.com/de-en/home/tracking.html?tracking-id=JD014600007415", order.trackingUrl());
    assertEquals(today().plusDays(2), order.expectedDelivery());
    assertNull(order.deliveredAt());
    assertEquals(new Address("Anna Schmidt", "Hauptstraße 12", "Berlin", "10115", "DE"), order.shippingAddress());
    assertEquals(List.of(new OrderLine(1, "FW-2001", "Stridewell Everyday Leather Sneaker", 1, 11900, true),
      new OrderLine(2, "FW-2012", "Leather Care Kit", 1, 2900, true)), order.lines());
    assertEquals(14800, order.totalCents());
    assertEquals("EUR", order.currency());
  }

  @Test
  @DisplayName("An order number the shop does not know is null, not an error.")
  void unknownOrder() throws Exception {
    assertNull(await(shop.order("MT-999999")));
  }

  @Test
  @DisplayName("A shopper's orders come newest first, as many as asked for; an unknown shopper has none.")
  void ordersOfShopper() throws Exception {
    assertEquals(List.of("MT-100004", "MT-100002", "MT-100003", "MT-100001"),
      await(shop.ordersOf("shopper-anna", 10)).stream().map(Order::number).toList());
    assertEquals(List.of("MT-100004", "MT-100002"),
      await(shop.ordersOf("shopper-anna", 2)).stream().map(Order::number).toList());
    assertEquals(List.of(), await(shop.ordersOf("shopper-nobody", 10)));
  }

  @Test
  @DisplayName("A pending order is cancelled at no cost and, never paid, gets no refund.")
  void cancelPending() throws Exception {
    ActionResult result = await(shop.cancel("MT-100004", "ordered twice"));
    assertTrue(result.done());
    assertEquals("cancelled", result.code());
    assertEquals(Order.CANCELLED, result.order().status());
    assertEquals(List.of("cancelled|ordered twice|0"),
      demo.rows("SELECT status, cancellation_reason, cancellation_fee_cents FROM orders WHERE order_number = $1",
        "MT-100004"));
    assertNull(await(shop.refund("MT-100004")));
  }

  @Test
  @DisplayName("A paid order is cancelled and its whole total, shipping included, is refunded.")
  void cancelPaid() throws Exception {
    ActionResult result = await(shop.cancel("MT-100012", null));
    assertEquals(new ActionResult(true, "cancelled", result.order()), result);
    Refund refund = await(shop.refund("MT-100012"));
    assertEquals("approved", refund.status());
    assertEquals(3900 + 495, refund.amountCents());
  }

  @Test
  @DisplayName("An order being processed can still be cancelled, but the fee is kept and the code says so.")
  void cancelProcessing() throws Exception {
    ActionResult result = await(shop.cancel("MT-100006", "too slow"));
    assertTrue(result.done());
    assertEquals("cancelled_with_fee", result.code());
    assertEquals(Order.CANCELLED, result.order().status());
    assertEquals(12900 - 500, await(shop.refund("MT-100006")).amountCents());
  }

  @Test
  @DisplayName("A shipped order cannot be cancelled: already_shipped, and it stays shipped.")
  void cancelShipped() throws Exception {
    ActionResult result = await(shop.cancel("MT-100002", "changed my mind"));
    assertFalse(result.done());
    assertEquals("already_shipped", result.code());
    assertEquals(Order.SHIPPED, result.order().status());
    assertEquals(Order.SHIPPED, await(shop.order("MT-100002")).status());
  }

  @Test
  @DisplayName("Cancelling a cancelled order says already_cancelled; an unknown one not_found with no order.")
  void cancelCancelledOrUnknown() throws Exception {
    ActionResult again = await(shop.cancel("MT-100010", null));
    assertEquals("already_cancelled", again.code());
    assertFalse(again.done());
    assertEquals(new ActionResult(false, "not_found", null), await(shop.cancel("MT-999999", null)));
  }

  @Test
  @DisplayName("Two cancellations of one order at once: one cancels, the other finds it cancelled; one refund.")
  void concurrentCancels() throws Exception {
    List<ActionResult> results = await(Future.all(shop.cancel("MT-100012", "a"), shop.cancel("MT-100012", "b")))
      .list();
    assertEquals(List.of("already_cancelled", "cancelled"),
      results.stream().map(ActionResult::code).sorted().toList());
    assertEquals(List.of("1"), demo.rows("SELECT count(*) FROM refunds WHERE order_number = $1", "MT-100012"));
  }

  @Test
  @DisplayName("An order not yet shipped goes to a new address, stored trimmed with the country upper-cased.")
  void changeAddress() throws Exception {
    ActionResult result = await(shop.changeAddress("MT-100020",
      new Address("Lukas Meyer", " Praterstraße 1 ", "Wien", "1020", "at")));
    assertTrue(result.done());
    assertEquals("address_changed", result.code());
    Address stored = new Address("Lukas Meyer", "Praterstraße 1", "Wien", "1020", "AT");
    assertEquals(stored, result.order().shippingAddress());
    assertEquals(stored, await(shop.order("MT-100020")).shippingAddress());
  }

  @Test
  @DisplayName("A shipped order keeps its address: already_shipped.")
  void changeAddressShipped() throws Exception {
    ActionResult result = await(shop.changeAddress("MT-100008",
      new Address("李伟", "Zeil 1", "Frankfurt am Main", "60313", "DE")));
    assertEquals(new ActionResult(false, "already_shipped", result.order()), result);
    assertEquals("Kaiserstraße 45", await(shop.order("MT-100008")).shippingAddress().line1());
  }

  @Test
  @DisplayName("An address without a postcode, or in a country the shop does not ship to, is invalid_address.")
  void invalidAddress() throws Exception {
    ActionResult noPostcode = await(shop.changeAddress("MT-100020",
      new Address("Lukas Meyer", "Praterstraße 1", "Wien", " ", "AT")));
    assertEquals("invalid_address", noPostcode.code());
    assertFalse(noPostcode.done());
    assertEquals("MT-100020", noPostcode.order().number());
    ActionResult nowhere = await(shop.changeAddress("MT-100020",
      new Address("Lukas Meyer", "1 Main St", "Springfield", "12345", "XX")));
    assertEquals("invalid_address", nowhere.code());
    assertEquals("Mariahilfer Straße 80", await(shop.order("MT-100020")).shippingAddress().line1());
  }

  @Test
  @DisplayName("A return within the window starts: the order is return_requested and a refund of its total requested.")
  void returnInsideWindow() throws Exception {
    ActionResult result = await(shop.startReturn("MT-100017", "does not fit my desk"));
    assertTrue(result.done());
    assertEquals("return_started", result.code());
    assertEquals(Order.RETURN_REQUESTED, result.order().status());
    Refund refund = await(shop.refund("MT-100017"));
    assertEquals("requested", refund.status());
    assertEquals(7900 + 4900, refund.amountCents());
    assertEquals("EUR", refund.currency());
    assertEquals("original payment method", refund.method());
    assertNull(refund.refundedAt());
  }

  @Test
  @DisplayName("A return of an order delivered more than 30 days ago is refused: outside_return_window.")
  void returnOutsideWindow() throws Exception {
    ActionResult result = await(shop.startReturn("MT-100001", "too small"));
    assertEquals(new ActionResult(false, "outside_return_window", result.order()), result);
    assertEquals(Order.DELIVERED, await(shop.order("MT-100001")).status());
    assertNull(await(shop.refund("MT-100001")));
  }

  @Test
  @DisplayName("The window counts from the delivery: 29 days ago is in, 31 days ago is out.")
  void returnWindowEdges() throws Exception {
    demo.rows("UPDATE orders SET delivered_at = now() - interval '29 days' WHERE order_number = 'MT-100013'"
      + " RETURNING order_number");
    demo.rows("UPDATE orders SET delivered_at = now() - interval '31 days' WHERE order_number = 'MT-100017'"
      + " RETURNING order_number");
    assertEquals("return_started", await(shop.startReturn("MT-100013", null)).code());
    assertEquals("outside_return_window", await(shop.startReturn("MT-100017", null)).code());
  }

  @Test
  @DisplayName("An order holding a final-sale item cannot be returned: not_returnable, the line says why.")
  void returnFinalSale() throws Exception {
    ActionResult result = await(shop.startReturn("MT-100021", "不喜欢"));
    assertEquals("not_returnable", result.code());
    assertFalse(result.done());
    assertEquals(List.of(true, false), result.order().lines().stream().map(OrderLine::returnable).toList());
    assertNull(await(shop.refund("MT-100021")));
  }

  @Test
  @DisplayName("A second return of an order already on its way back or refunded says return_exists.")
  void returnExists() throws Exception {
    assertEquals("return_exists", await(shop.startReturn("MT-100003", null)).code());
    assertEquals("return_exists", await(shop.startReturn("MT-100007", null)).code());
    assertEquals("return_started", await(shop.startReturn("MT-100005", null)).code());
    assertEquals("return_exists", await(shop.startReturn("MT-100005", null)).code());
  }

  @Test
  @DisplayName("An order not delivered yet cannot be returned: not_delivered.")
  void returnNotDelivered() throws Exception {
    assertEquals("not_delivered", await(shop.startReturn("MT-100002", null)).code());
    assertEquals("not_delivered", await(shop.startReturn("MT-100010", null)).code());
    assertEquals(new ActionResult(false, "not_found", null), await(shop.startReturn("MT-999999", null)));
  }

  @Test
  @DisplayName("A refund reports its status, amount and dates; an order without one has none.")
  void refundStatus() throws Exception {
    Refund requested = await(shop.refund("MT-100003"));
    assertEquals("requested", requested.status());
    assertEquals(11900 + 2 * 2900, requested.amountCents());
    assertTrue(requested.requestedAt().isBefore(Instant.now()));
    assertNull(requested.refundedAt());
    Refund refunded = await(shop.refund("MT-100007"));
    assertEquals("refunded", refunded.status());
    assertEquals(11900, refunded.amountCents());
    assertTrue(refunded.refundedAt().isAfter(refunded.requestedAt()));
    assertNull(await(shop.refund("MT-100002")));
    assertNull(await(shop.refund("MT-999999")));
  }

  @Test
  @DisplayName("Products filter by category, brand and price, cheapest first among those in stock.")
  void searchByCategoryBrandPrice() throws Exception {
    List<Product> found = await(shop.searchProducts(
      new ProductQuery(null, "footwear", "stridewell", 10000L, 15000L, null, null, 10)));
    assertEquals(List.of("FW-2001", "FW-2003", "FW-2007"), found.stream().map(Product::sku).toList());
  }

  @Test
  @DisplayName("Products filter by colour (part of the name) and size, in stock first.")
  void searchByColourAndSize() throws Exception {
    assertEquals(List.of("FW-2011", "FW-2005", "AP-1007", "FW-2003"),
      await(shop.searchProducts(new ProductQuery(null, null, null, null, null, "grey", null, 10)))
        .stream().map(Product::sku).toList());
    assertEquals(List.of("AP-1003", "AP-1002", "AP-1007", "AP-1011"),
      await(shop.searchProducts(new ProductQuery(null, "apparel", null, null, 7000L, null, "xs", 10)))
        .stream().map(Product::sku).toList());
  }

  @Test
  @DisplayName("Text matches every word in title or description; out-of-stock products come last.")
  void searchByText() throws Exception {
    List<Product> merino = await(shop.searchProducts(new ProductQuery("merino", null, null, null, null, null, null, 10)));
    assertEquals(List.of("FW-2011", "AP-1001", "AP-1011"), merino.stream().map(Product::sku).toList());
    assertFalse(merino.get(2).inStock());
    assertEquals(List.of("AP-1001"), await(shop.searchProducts(
      new ProductQuery("merino SWEATER", null, null, null, null, null, null, 10))).stream().map(Product::sku).toList());
    assertEquals(List.of(), await(shop.searchProducts(new ProductQuery("100%", null, null, null, null, null, null, 10))));
    assertEquals(2, await(shop.searchProducts(new ProductQuery(null, null, null, null, null, null, null, 2))).size());
  }

  @Test
  @DisplayName("A product comes with its attributes; an unknown SKU is null.")
  void product() throws Exception {
    Product product = await(shop.product("FW-2011"));
    assertEquals("Merino Hiking Socks (2-Pack)", product.title());
    assertEquals(2400, product.priceCents());
    assertEquals("EUR", product.currency());
    assertTrue(product.attributes().getBoolean("finalSale"));
    assertNull(await(shop.product("XX-0000")));
  }

  @Test
  @DisplayName("Policies give the shipping options, payment methods, 30-day return window and cancellation fee.")
  void policies() throws Exception {
    ShopPolicies policies = await(shop.policies());
    assertEquals(30, policies.returnWindowDays());
    assertEquals(500, policies.cancellationFeeCents());
    assertEquals("EUR", policies.currency());
    assertEquals(List.of("standard", "express", "international"),
      policies.shipping().stream().map(ShopPolicies.ShippingOption::id).toList());
    ShopPolicies.ShippingOption standard = policies.shipping().get(0);
    assertEquals(List.of(3, 5, 495L, 5000L),
      List.of(standard.minDays(), standard.maxDays(), standard.priceCents(), standard.freeOverCents()));
    assertTrue(standard.countries().contains("DE"));
    assertTrue(policies.paymentMethods().contains("Klarna"));
  }

  @Test
  @DisplayName("A wrong API key fails every call with BackendUnavailableException naming the refused key.")
  void wrongApiKey() throws Exception {
    HttpShopBackend wrongKey = client(demo.baseUrl(), "not-the-key");
    try {
      Exception e = assertThrows(Exception.class, () -> await(wrongKey.order("MT-100002")));
      assertInstanceOf(BackendUnavailableException.class, e);
      assertTrue(e.getMessage().contains("API key was refused (HTTP 401)"), e.getMessage());
      assertInstanceOf(BackendUnavailableException.class,
        assertThrows(Exception.class, () -> await(wrongKey.cancel("MT-100004", null))));
      assertEquals(Order.PENDING, await(shop.order("MT-100004")).status());
    } finally {
      wrongKey.close();
    }
  }

  @Test
  @DisplayName("With the backend stopped, a call fails with BackendUnavailableException well within the timeout.")
  void backendStopped() throws Exception {
    DemoShopBackend another = demo.startAnother(vertx);
    HttpShopBackend client = client(another.baseUrl(), DemoShopFixture.API_KEY);
    try {
      assertNotNull(await(client.order("MT-100002")));
      another.close().await(10, TimeUnit.SECONDS);
      long started = System.nanoTime();
      Exception e = assertThrows(Exception.class, () -> await(client.order("MT-100002")));
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertInstanceOf(BackendUnavailableException.class, e);
      assertTrue(e.getMessage().contains("cannot reach it"), e.getMessage());
      assertTrue(took.toMillis() < TIMEOUT_MS, "took " + took);
    } finally {
      client.close();
    }
  }

  @Test
  @DisplayName("With a product cache, a product looked up is answered again without the shop; others still need it.")
  void productCache() throws Exception {
    DemoShopBackend another = demo.startAnother(vertx);
    HttpShopBackend client = HttpShopBackend.create(vertx,
      HttpShopBackend.Options.of(another.baseUrl(), DemoShopFixture.API_KEY, TIMEOUT_MS).withProductCache(60_000));
    try {
      assertNull(await(client.product("XX-0000")));
      Product first = await(client.product("FW-2011"));
      another.close().await(10, TimeUnit.SECONDS);

      assertEquals(first, await(client.product("FW-2011")));
      assertNull(await(client.product("XX-0000")), "an unknown SKU is remembered as unknown");
      Exception e = assertThrows(Exception.class, () -> await(client.product("AP-1001")));
      assertInstanceOf(BackendUnavailableException.class, e);

      DemoShopBackend back = demo.startAnother(vertx, another.port());
      try {
        assertEquals("AP-1001", await(client.product("AP-1001")).sku(), "a failed lookup is not kept as an answer");
      } finally {
        back.close().await(10, TimeUnit.SECONDS);
      }
    } finally {
      client.close();
    }
  }
}
