package com.shopchat.bench;

import com.shopchat.commerce.Product;
import com.shopchat.profile.ProductFacts;
import com.shopchat.profile.ProfileBuilder;
import com.shopchat.recommend.BehaviourEvent;
import com.shopchat.recommend.EventType;
import com.shopchat.recommend.EventWeights;
import com.shopchat.recommend.RecommendationContext;
import com.shopchat.recommend.RecommenderModel;
import com.shopchat.recommend.RecommenderTrainer;
import com.shopchat.recommend.ShopperProfile;
import com.shopchat.recommend.Strategy;
import com.shopchat.recommend.TrainingReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Training time and top-10 serving latency of the recommender ({@link RecommenderTrainer}, {@link RecommenderModel})
 * on a generated shop: 100k products by default (about 60 categories in 10 groups, 600 brands, log-normal prices
 * per category and brand tier, colours, materials, sizes for apparel and shoes, 7 % out of stock, heavy-tailed
 * appeal) and 1M behaviour events over the last 90 days from visitors with a taste (one to three favourite
 * categories, maybe favourite brands, a price tier): sessions of views, most in one category, some searches,
 * add-to-cart and removals, purchases of the cart (with complements), a few clicks and ratings.
 *
 * <p>Requests are what the chat sends: 60 % no constraint, 25 % a category, 15 % a category and a price ceiling;
 * 10 % come from visitors with no history and 5 % from brand-new visitors with one to four views that training
 * never saw; the rest from visitors drawn in proportion to their events, with profiles built by
 * {@link ProfileBuilder} (half-life 14 days, as the server's default) from their events. Every strategy serves
 * every request, one thread, after warm-up, in rotating order, and so does the baseline: the top k of a
 * precomputed popularity list (the same decayed event weights) filtered by stock, the constraints and the
 * shopper's blocked items — what a shop without a recommender shows, and the floor any request costs.
 *
 * <p>Usage: {@code java -Xmx4g -cp services/target/chatbot.jar:bench/target/bench.jar
 * com.shopchat.bench.RecommendBench [products] [events] [queries] [seed]}
 */
public final class RecommendBench {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final int K = 10;
  private static final Duration PROFILE_HALF_LIFE = Duration.ofDays(14);

  // Size kinds.
  private static final int NONE = 0;
  private static final int APPAREL = 1;
  private static final int SHOES = 2;
  private static final String[][] SIZES = {{}, {"XS", "S", "M", "L", "XL", "XXL"},
    {"36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46"}};

  /** Department: materials and feature phrases its products' texts draw from. */
  private record Group(String name, String[] materials, String[] features) {}

  private static final Group CLOTHING = new Group("clothing", new String[] {"cotton", "organic cotton", "wool",
    "merino wool", "linen", "denim", "cashmere", "fleece", "polyester", "viscose"}, new String[] {"slim fit",
    "relaxed fit", "breathable", "machine washable", "ribbed cuffs", "soft touch", "recycled fibres",
    "tailored cut", "brushed finish", "wrinkle resistant"});
  private static final Group FOOTWEAR = new Group("footwear", new String[] {"leather", "suede", "canvas", "mesh",
    "rubber", "knit"}, new String[] {"cushioned sole", "waterproof", "lightweight", "grippy outsole",
    "removable insole", "padded collar", "vegan", "all day comfort"});
  private static final Group ACCESSORIES = new Group("accessories", new String[] {"leather", "canvas", "nylon",
    "wool", "stainless steel", "recycled polyester"}, new String[] {"adjustable strap", "water repellent",
    "hidden pocket", "laptop sleeve", "scratch resistant", "gift boxed", "handmade"});
  private static final Group HOME = new Group("home", new String[] {"cotton", "linen", "wool", "ceramic", "glass",
    "oak wood", "velvet", "jute"}, new String[] {"dimmable", "hand woven", "washable cover", "scandinavian design",
    "hypoallergenic", "soft glow", "stain resistant", "fair trade"});
  private static final Group KITCHEN = new Group("kitchen", new String[] {"stainless steel", "ceramic",
    "cast iron", "glass", "bamboo", "copper", "porcelain"}, new String[] {"dishwasher safe", "induction ready",
    "non stick", "bpa free", "fast boil", "keeps warm", "ergonomic handle", "stackable"});
  private static final Group ELECTRONICS = new Group("electronics", new String[] {"aluminium", "plastic",
    "silicone"}, new String[] {"bluetooth", "noise cancelling", "usb c", "fast charging", "long battery life",
    "wireless", "water resistant", "hd", "low latency", "voice assistant"});
  private static final Group BEAUTY = new Group("beauty", new String[] {}, new String[] {"vegan", "fragrance free",
    "sensitive skin", "spf 30", "hydrating", "travel size", "dermatologist tested", "refillable"});
  private static final Group SPORTS = new Group("sports", new String[] {"nylon", "rubber", "foam", "polyester",
    "steel"}, new String[] {"non slip", "lightweight", "packable", "insulated", "quick dry", "adjustable",
    "reflective"});
  private static final Group TOYS = new Group("toys", new String[] {"wood", "plastic", "cardboard", "plush"},
    new String[] {"ages 3 plus", "ages 8 plus", "educational", "family game", "1000 pieces", "award winning"});
  private static final Group BOOKS = new Group("books", new String[] {"paperback", "hardcover"}, new String[] {
    "bestseller", "illustrated", "new edition", "signed", "large print"});

  /** Category: name as the chat names it, group, median price in euros, size kind, nouns for titles. */
  private record CategorySpec(String name, Group group, double median, int sizes, String[] nouns) {}

  private static final CategorySpec[] CATEGORIES = {
    c("sweaters", CLOTHING, 59, APPAREL, "sweater", "jumper", "cardigan"),
    c("shirts", CLOTHING, 45, APPAREL, "shirt", "oxford shirt", "flannel shirt"),
    c("t-shirts", CLOTHING, 19, APPAREL, "tee", "t-shirt", "polo"),
    c("jackets", CLOTHING, 129, APPAREL, "jacket", "bomber", "windbreaker"),
    c("coats", CLOTHING, 189, APPAREL, "coat", "parka", "trench coat"),
    c("jeans", CLOTHING, 69, APPAREL, "jeans", "slim jeans", "straight jeans"),
    c("trousers", CLOTHING, 59, APPAREL, "chinos", "trousers", "joggers"),
    c("dresses", CLOTHING, 79, APPAREL, "dress", "midi dress", "wrap dress"),
    c("skirts", CLOTHING, 49, APPAREL, "skirt", "pleated skirt"),
    c("hoodies", CLOTHING, 55, APPAREL, "hoodie", "sweatshirt", "zip hoodie"),
    c("socks", CLOTHING, 9, APPAREL, "socks", "ankle socks", "wool socks"),
    c("underwear", CLOTHING, 19, APPAREL, "briefs", "boxers", "bralette"),
    c("shorts", CLOTHING, 35, APPAREL, "shorts", "swim shorts"),
    c("sneakers", FOOTWEAR, 89, SHOES, "sneaker", "trainer", "court shoe"),
    c("boots", FOOTWEAR, 139, SHOES, "boot", "chelsea boot", "hiking boot"),
    c("sandals", FOOTWEAR, 45, SHOES, "sandal", "slide", "flip flop"),
    c("running shoes", FOOTWEAR, 110, SHOES, "runner", "trail runner", "racing flat"),
    c("slippers", FOOTWEAR, 25, SHOES, "slipper", "moccasin"),
    c("backpacks", ACCESSORIES, 69, NONE, "backpack", "rucksack", "daypack"),
    c("bags", ACCESSORIES, 59, NONE, "tote", "crossbody bag", "weekender"),
    c("wallets", ACCESSORIES, 35, NONE, "wallet", "card holder"),
    c("belts", ACCESSORIES, 29, NONE, "belt", "braided belt"),
    c("scarves", ACCESSORIES, 29, NONE, "scarf", "snood"),
    c("hats", ACCESSORIES, 25, NONE, "beanie", "cap", "bucket hat"),
    c("sunglasses", ACCESSORIES, 89, NONE, "sunglasses", "aviators"),
    c("watches", ACCESSORIES, 199, NONE, "watch", "chronograph"),
    c("gloves", ACCESSORIES, 25, NONE, "gloves", "mittens"),
    c("lamps", HOME, 59, NONE, "lamp", "floor lamp", "desk lamp"),
    c("blankets", HOME, 49, NONE, "blanket", "throw"),
    c("cushions", HOME, 25, NONE, "cushion", "pillow"),
    c("rugs", HOME, 149, NONE, "rug", "runner rug"),
    c("candles", HOME, 15, NONE, "candle", "scented candle"),
    c("vases", HOME, 35, NONE, "vase", "planter"),
    c("bedding", HOME, 89, NONE, "duvet cover", "sheet set"),
    c("towels", HOME, 25, NONE, "towel", "bath sheet"),
    c("kettles", KITCHEN, 45, NONE, "kettle", "gooseneck kettle"),
    c("mugs", KITCHEN, 12, NONE, "mug", "cup set"),
    c("pans", KITCHEN, 59, NONE, "frying pan", "saucepan", "wok"),
    c("knives", KITCHEN, 79, NONE, "chef knife", "knife set"),
    c("coffee makers", KITCHEN, 129, NONE, "coffee maker", "french press", "espresso machine"),
    c("food storage", KITCHEN, 19, NONE, "jar set", "lunch box", "container set"),
    c("headphones", ELECTRONICS, 99, NONE, "headphones", "earbuds"),
    c("speakers", ELECTRONICS, 89, NONE, "speaker", "soundbar"),
    c("chargers", ELECTRONICS, 25, NONE, "charger", "power bank"),
    c("cables", ELECTRONICS, 12, NONE, "cable", "adapter"),
    c("phone cases", ELECTRONICS, 19, NONE, "phone case", "folio case"),
    c("smartwatches", ELECTRONICS, 249, NONE, "smartwatch", "fitness tracker"),
    c("keyboards", ELECTRONICS, 79, NONE, "keyboard", "mechanical keyboard"),
    c("skincare", BEAUTY, 29, NONE, "moisturiser", "serum", "cleanser"),
    c("fragrance", BEAUTY, 69, NONE, "eau de parfum", "eau de toilette"),
    c("haircare", BEAUTY, 19, NONE, "shampoo", "conditioner", "hair oil"),
    c("makeup", BEAUTY, 25, NONE, "lipstick", "mascara", "foundation"),
    c("yoga", SPORTS, 35, NONE, "yoga mat", "yoga block"),
    c("water bottles", SPORTS, 19, NONE, "water bottle", "flask"),
    c("fitness", SPORTS, 49, NONE, "dumbbell", "kettlebell", "resistance band"),
    c("camping", SPORTS, 119, NONE, "tent", "sleeping bag", "camping stove"),
    c("cycling", SPORTS, 69, NONE, "helmet", "bike light", "cycling gloves"),
    c("board games", TOYS, 35, NONE, "board game", "card game"),
    c("puzzles", TOYS, 19, NONE, "puzzle", "jigsaw"),
    c("building sets", TOYS, 49, NONE, "building set", "construction kit"),
    c("cookbooks", BOOKS, 25, NONE, "cookbook", "baking book"),
    c("novels", BOOKS, 15, NONE, "novel", "thriller", "short stories")};

  /** What a purchase in a category often brings along. */
  private static final Map<String, String[]> COMPLEMENTS = Map.ofEntries(
      Map.entry("sneakers", new String[] {"socks"}), Map.entry("boots", new String[] {"socks"}),
      Map.entry("running shoes", new String[] {"socks", "water bottles"}), Map.entry("jeans", new String[] {"belts", "t-shirts"}),
      Map.entry("trousers", new String[] {"belts", "shirts"}), Map.entry("coats", new String[] {"scarves", "gloves"}),
      Map.entry("jackets", new String[] {"hats", "scarves"}), Map.entry("coffee makers", new String[] {"mugs"}),
      Map.entry("kettles", new String[] {"mugs"}), Map.entry("pans", new String[] {"knives"}),
      Map.entry("smartwatches", new String[] {"chargers"}), Map.entry("headphones", new String[] {"cables"}),
      Map.entry("speakers", new String[] {"cables"}), Map.entry("phone cases", new String[] {"chargers"}),
      Map.entry("bedding", new String[] {"cushions", "blankets"}), Map.entry("lamps", new String[] {"candles"}),
      Map.entry("camping", new String[] {"water bottles"}), Map.entry("yoga", new String[] {"water bottles"}),
      Map.entry("dresses", new String[] {"bags"}), Map.entry("skincare", new String[] {"haircare"}));

  private static final String[] COLORS = {"black", "white", "grey", "navy", "blue", "red", "green", "beige",
    "brown", "pink", "yellow", "olive", "burgundy", "silver"};
  private static final double[] COLOR_WEIGHTS = {18, 12, 11, 9, 8, 6, 6, 7, 6, 4, 3, 3, 3, 4};
  private static final String[] ADJECTIVES = {"classic", "essential", "alpine", "urban", "coastal", "heritage",
    "trail", "everyday", "studio", "nordic", "field", "harbour", "summit", "cedar", "maple", "weekend", "city",
    "original", "premium", "signature", "vintage", "modern", "compact", "pro", "lite", "atlas", "aurora", "terra"};
  private static final String[] SYLLABLES = {"nor", "vik", "al", "tu", "ra", "ka", "lo", "mi", "sen", "to",
    "ve", "da", "ri", "ost", "el", "an", "bo", "fi", "ne", "sol", "mar", "lin", "ber", "gen", "tor", "ka", "zu",
    "pe", "lu", "ha", "rei", "mo", "ty", "is", "ven", "dal"};

  private RecommendBench() {
  }

  private static CategorySpec c(String name, Group group, double median, int sizes, String... nouns) {
    return new CategorySpec(name, group, median, sizes, nouns);
  }

  // ---------------------------------------------------------------------------------------------------------
  // The generated shop

  /** The catalog and what the event generator needs to know of it. */
  private static final class Shop {
    final List<Product> products = new ArrayList<>();
    int[] category;
    int[] brand;
    long[] price;
    boolean[] inStock;
    double[] appeal;
    /** Items of each category and the cumulative appeal over them, for popularity-weighted draws. */
    int[][] itemsOf;
    double[][] cumulativeAppeal;
    double[] categoryCumulative;
    double[] categoryWeight;
    /** Brands selling in each category, and cumulative brand popularity over them. */
    int[][] brandsOf;
    double[] brandPop;
    int[] brandGroup;
    String[] brandNames;
    Map<String, ProductFacts> facts = new HashMap<>();
  }

  static Shop catalog(int n, Random random) {
    Shop shop = new Shop();
    int cats = CATEGORIES.length;
    // Category sizes: Zipf-ish over a shuffled order, so fashion is not always the biggest.
    shop.categoryWeight = new double[cats];
    int[] rank = shuffled(cats, random);
    for (int k = 0; k < cats; k++) {
      shop.categoryWeight[k] = 1 / Math.pow(1 + rank[k], 0.7);
    }
    shop.categoryCumulative = cumulative(shop.categoryWeight);
    List<Group> groups = new ArrayList<>(new LinkedHashSet<>(Arrays.stream(CATEGORIES).map(CategorySpec::group)
        .toList()));
    // Brands: 600 names (at most one per 50 products), each selling in 1-6 categories of one department,
    // sometimes one more elsewhere, with a price tier and a Zipf popularity.
    int brands = Math.max(20, Math.min(600, n / 50));
    shop.brandNames = new String[brands];
    shop.brandPop = new double[brands];
    shop.brandGroup = new int[brands];
    double[] tier = new double[brands];
    Set<String> names = new HashSet<>();
    List<List<Integer>> brandsOf = new ArrayList<>();
    for (int k = 0; k < cats; k++) {
      brandsOf.add(new ArrayList<>());
    }
    int[] brandRank = shuffled(brands, random);
    for (int b = 0; b < brands; b++) {
      String name;
      do {
        StringBuilder s = new StringBuilder();
        int syllables = 2 + random.nextInt(2);
        for (int k = 0; k < syllables; k++) {
          s.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        name = Character.toUpperCase(s.charAt(0)) + s.substring(1);
      } while (!names.add(name));
      shop.brandNames[b] = name;
      shop.brandPop[b] = 1 / Math.pow(1 + brandRank[b], 0.9);
      tier[b] = random.nextGaussian() * 0.35;
      int g = random.nextInt(groups.size());
      shop.brandGroup[b] = g;
      List<Integer> ofGroup = categoriesOf(groups.get(g));
      int span = 1 + random.nextInt(Math.min(6, ofGroup.size()));
      for (int k = 0; k < span; k++) {
        int cat = ofGroup.get(random.nextInt(ofGroup.size()));
        if (!brandsOf.get(cat).contains(b)) {
          brandsOf.get(cat).add(b);
        }
      }
      if (random.nextDouble() < 0.1) {
        int cat = random.nextInt(cats);
        if (!brandsOf.get(cat).contains(b)) {
          brandsOf.get(cat).add(b);
        }
      }
    }
    for (int k = 0; k < cats; k++) {
      while (brandsOf.get(k).size() < 3) {
        int b = random.nextInt(brands);
        if (!brandsOf.get(k).contains(b)) {
          brandsOf.get(k).add(b);
        }
      }
    }
    shop.brandsOf = brandsOf.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
        .toArray(int[][]::new);
    double[][] brandCumulative = new double[cats][];
    for (int k = 0; k < cats; k++) {
      brandCumulative[k] = cumulative(Arrays.stream(shop.brandsOf[k]).mapToDouble(b -> shop.brandPop[b]).toArray());
    }
    shop.category = new int[n];
    shop.brand = new int[n];
    shop.price = new long[n];
    shop.inStock = new boolean[n];
    shop.appeal = new double[n];
    double colorTotal = Arrays.stream(COLOR_WEIGHTS).sum();
    double[] colorCumulative = cumulative(Arrays.stream(COLOR_WEIGHTS).map(w -> w / colorTotal).toArray());
    for (int i = 0; i < n; i++) {
      int cat = draw(shop.categoryCumulative, random);
      CategorySpec spec = CATEGORIES[cat];
      int b = shop.brandsOf[cat][draw(brandCumulative[cat], random)];
      // Log-normal around the category's median, shifted by the brand's tier; shop-style .99 / .00 endings.
      double euros = spec.median() * Math.exp(tier[b] + random.nextGaussian() * 0.45);
      long cents = euros < 20 ? Math.round(euros) * 100 - 1 : euros < 200 ? Math.round(euros / 5) * 500 - 1
          : Math.round(euros / 10) * 1000;
      cents = Math.max(199, cents);
      int stock = random.nextDouble() < 0.07 ? 0 : 1 + random.nextInt(200);
      String color = spec.group() == BOOKS || spec.group() == BEAUTY ? null
          : COLORS[draw(colorCumulative, random)];
      String material = spec.group().materials().length == 0 ? null
          : spec.group().materials()[random.nextInt(spec.group().materials().length)];
      JsonObject attributes = new JsonObject();
      if (color != null) {
        attributes.put("color", color);
      }
      if (material != null) {
        attributes.put("material", material);
      }
      String[] sizes = SIZES[spec.sizes()];
      if (sizes.length > 0) {
        int from = random.nextDouble() < 0.7 ? 0 : random.nextInt(sizes.length / 2);
        int to = random.nextDouble() < 0.7 ? sizes.length : sizes.length / 2 + 1 + random.nextInt(sizes.length / 2);
        attributes.put("sizes", new JsonArray(Arrays.asList(sizes).subList(from, Math.max(from + 1, to))));
      }
      String noun = spec.nouns()[random.nextInt(spec.nouns().length)];
      String adjective = ADJECTIVES[random.nextInt(ADJECTIVES.length)];
      String title = shop.brandNames[b] + " " + cap(adjective) + " " + (material == null ? "" : material + " ")
          + noun + " " + (char) ('A' + random.nextInt(26)) + (10 + random.nextInt(990));
      String[] features = spec.group().features();
      String description = "A " + adjective + " " + noun + (color == null ? "" : " in " + color)
          + (material == null ? "" : ", made of " + material) + ". " + cap(features[random.nextInt(features.length)])
          + ", " + features[random.nextInt(features.length)] + ".";
      String sku = String.format(Locale.ROOT, "SKU-%06d", i);
      shop.products.add(new Product(sku, title, description, spec.name(), shop.brandNames[b], cents, "EUR", stock,
          "https://img.example/" + sku + ".jpg", attributes));
      shop.category[i] = cat;
      shop.brand[i] = b;
      shop.price[i] = cents;
      shop.inStock[i] = stock > 0;
      // Heavy-tailed appeal (log-normal), lifted by the brand's popularity: a few hits, a long tail.
      shop.appeal[i] = Math.exp(random.nextGaussian() * 1.3) * (0.3 + Math.sqrt(shop.brandPop[b]));
      shop.facts.put(sku, new ProductFacts(sku, spec.name(), shop.brandNames[b], cents));
    }
    List<List<Integer>> itemsOf = new ArrayList<>();
    for (int k = 0; k < cats; k++) {
      itemsOf.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      itemsOf.get(shop.category[i]).add(i);
    }
    shop.itemsOf = itemsOf.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    shop.cumulativeAppeal = new double[cats][];
    for (int k = 0; k < cats; k++) {
      shop.cumulativeAppeal[k] = cumulative(Arrays.stream(shop.itemsOf[k]).mapToDouble(i -> shop.appeal[i]).toArray());
      if (shop.itemsOf[k].length == 0) {
        shop.categoryWeight[k] = 0; // too small a catalog for this category: never drawn
      }
    }
    shop.categoryCumulative = cumulative(shop.categoryWeight);
    return shop;
  }

  private static List<Integer> categoriesOf(Group g) {
    List<Integer> out = new ArrayList<>();
    for (int k = 0; k < CATEGORIES.length; k++) {
      if (CATEGORIES[k].group() == g) {
        out.add(k);
      }
    }
    return out;
  }

  private static int categoryIndex(String name) {
    for (int k = 0; k < CATEGORIES.length; k++) {
      if (CATEGORIES[k].name().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException(name);
  }

  /** A visitor's taste: favourite categories, favourite brands, price tier (log offset from category medians). */
  private record Taste(int[] categories, Set<Integer> brands, double tier) {}

  static Taste taste(Shop shop, Random random) {
    int count = 1 + (random.nextDouble() < 0.5 ? 0 : random.nextDouble() < 0.6 ? 1 : 2);
    int[] cats = new int[count];
    cats[0] = draw(shop.categoryCumulative, random);
    for (int k = 1; k < count; k++) {
      if (random.nextDouble() < 0.6) {
        List<Integer> same = categoriesOf(CATEGORIES[cats[0]].group());
        cats[k] = same.get(random.nextInt(same.size()));
      } else {
        cats[k] = draw(shop.categoryCumulative, random);
      }
      if (shop.itemsOf[cats[k]].length == 0) {
        cats[k] = cats[0];
      }
    }
    Set<Integer> brands = new HashSet<>();
    for (int k = 0; k < 3; k++) {
      if (random.nextDouble() < 0.4) {
        int[] sellers = shop.brandsOf[cats[random.nextInt(count)]];
        brands.add(sellers[random.nextInt(sellers.length)]);
      }
    }
    return new Taste(cats, brands, random.nextGaussian() * 0.45);
  }

  /**
   * One product a visitor looks at in a category: six drawn by appeal, then one of them weighed by the taste
   * (favourite brand ×4, price near the tier, sold-out ones less often).
   */
  static int pick(Shop shop, Taste taste, int cat, Random random) {
    int[] items = shop.itemsOf[cat];
    double median = Math.log(CATEGORIES[cat].median() * 100);
    int[] seen = new int[6];
    double[] w = new double[6];
    double total = 0;
    for (int k = 0; k < 6; k++) {
      int item = items[draw(shop.cumulativeAppeal[cat], random)];
      double off = Math.log(shop.price[item]) - median - taste.tier();
      double weight = (taste.brands().contains(shop.brand[item]) ? 4 : 1) * Math.exp(-off * off / (2 * 0.4 * 0.4))
          * (shop.inStock[item] ? 1 : 0.3) + 1e-3;
      seen[k] = item;
      w[k] = weight;
      total += weight;
    }
    double x = random.nextDouble() * total;
    for (int k = 0; k < 6; k++) {
      x -= w[k];
      if (x <= 0) {
        return seen[k];
      }
    }
    return seen[5];
  }

  /** Builds events until {@code target}; visitors' keys are collected in order. */
  private static final class EventSink {
    final List<BehaviourEvent> events;
    final int target;
    long id;

    EventSink(int target) {
      this.events = new ArrayList<>(target);
      this.target = target;
    }

    boolean full() {
      return events.size() >= target;
    }

    void add(EventType type, String visitor, String shopper, List<String> skus, Instant at, String query,
        Integer rating, Long price) {
      if (!full()) {
        events.add(new BehaviourEvent("e" + Long.toString(id++, 36), type, visitor, shopper, skus, at, query, rating,
            price, null));
      }
    }
  }

  static List<BehaviourEvent> events(Shop shop, int target, Random random) {
    EventSink sink = new EventSink(target);
    long window = Duration.ofDays(90).toSeconds();
    for (int v = 0; !sink.full(); v++) {
      String visitor = "v" + v;
      String shopper = random.nextDouble() < 0.35 ? "s" + v : null;
      Taste taste = taste(shop, random);
      // First visit anywhere in the last 90 days; later sessions every few days (exponential gaps).
      Instant at = NOW.minusSeconds((long) (random.nextDouble() * window));
      int sessions = 1;
      while (sessions < 30 && random.nextDouble() < 0.55) {
        sessions++;
      }
      for (int s = 0; s < sessions && at.isBefore(NOW.minusSeconds(7_200)) && !sink.full(); s++) {
        at = session(shop, taste, visitor, shopper, at, sink, random);
        at = at.plusSeconds((long) (-Math.log(1 - random.nextDouble()) * Duration.ofDays(4).toSeconds()));
      }
    }
    return sink.events;
  }

  private static Instant session(Shop shop, Taste taste, String visitor, String shopper, Instant start,
      EventSink sink, Random random) {
    Instant at = start;
    int cat = random.nextDouble() < 0.85 ? taste.categories()[random.nextInt(taste.categories().length)]
        : draw(shop.categoryCumulative, random);
    if (random.nextDouble() < 0.3) {
      String query = "category:" + quoted(CATEGORIES[cat].name());
      if (!taste.brands().isEmpty() && random.nextDouble() < 0.3) {
        query = "brand:" + shop.brandNames[taste.brands().iterator().next()] + " " + query;
      }
      sink.add(EventType.SEARCH, visitor, shopper, List.of(), at, query, null, null);
      at = at.plusSeconds(5 + random.nextInt(30));
    }
    int views = 1;
    while (views < 40 && random.nextDouble() < 0.8) {
      views++;
    }
    List<String> cart = new ArrayList<>();
    for (int k = 0; k < views && !sink.full(); k++) {
      double r = random.nextDouble();
      int c = r < 0.75 ? cat : r < 0.87 ? taste.categories()[random.nextInt(taste.categories().length)]
          : draw(shop.categoryCumulative, random);
      int item = pick(shop, taste, c, random);
      Product p = shop.products.get(item);
      sink.add(random.nextDouble() < 0.04 ? EventType.CLICK : EventType.VIEW, visitor, shopper, List.of(p.sku()), at,
          null, null, p.priceCents());
      at = at.plusSeconds(10 + random.nextInt(110));
      if (p.inStock() && random.nextDouble() < 0.08) {
        sink.add(EventType.ADD_TO_CART, visitor, shopper, List.of(p.sku()), at, null, null, p.priceCents());
        cart.add(p.sku());
        at = at.plusSeconds(5 + random.nextInt(30));
        String[] complements = COMPLEMENTS.get(CATEGORIES[c].name());
        if (complements != null && random.nextDouble() < 0.35) {
          int cc = categoryIndex(complements[random.nextInt(complements.length)]);
          if (shop.itemsOf[cc].length > 0) {
            Product q = shop.products.get(pick(shop, taste, cc, random));
            sink.add(EventType.VIEW, visitor, shopper, List.of(q.sku()), at, null, null, q.priceCents());
            at = at.plusSeconds(10 + random.nextInt(60));
            if (q.inStock() && random.nextDouble() < 0.6) {
              sink.add(EventType.ADD_TO_CART, visitor, shopper, List.of(q.sku()), at, null, null, q.priceCents());
              cart.add(q.sku());
              at = at.plusSeconds(5 + random.nextInt(30));
            }
          }
        }
      }
      if (!cart.isEmpty() && random.nextDouble() < 0.03) {
        String removed = cart.remove(random.nextInt(cart.size()));
        sink.add(EventType.REMOVE_FROM_CART, visitor, shopper, List.of(removed), at, null, null, null);
        at = at.plusSeconds(5 + random.nextInt(20));
      }
    }
    if (!cart.isEmpty() && random.nextDouble() < 0.45) {
      Long price = cart.size() == 1 ? shop.facts.get(cart.get(0)).priceCents() : null;
      sink.add(EventType.PURCHASE, visitor, shopper, cart, at, null, null, price);
      Instant rated = at.plusSeconds(86_400L * (3 + random.nextInt(10)));
      if (random.nextDouble() < 0.1 && rated.isBefore(NOW)) {
        int stars = (int) Math.max(1, Math.min(5, Math.round(3.8 + random.nextGaussian())));
        sink.add(EventType.RATE, visitor, shopper, List.of(cart.get(0)), rated, null, stars, null);
      }
    }
    return at;
  }

  private static String quoted(String value) {
    return value.contains(" ") ? "\"" + value + "\"" : value;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Requests

  private enum Kind { NONE, CATEGORY, CATEGORY_PRICE }

  private enum Who { KNOWN, COLD, FRESH }

  private record Query(ShopperProfile profile, RecommendationContext ctx, Kind kind, Who who) {}

  static List<Query> queries(Shop shop, List<BehaviourEvent> events, int count, Random random) {
    ProfileBuilder builder = new ProfileBuilder(PROFILE_HALF_LIFE);
    // Who asks: 10 % nobody-yet, 5 % brand-new visitors with a few views, else a visitor drawn by their events.
    Who[] who = new Who[count];
    String[] keys = new String[count];
    Map<String, List<BehaviourEvent>> history = new HashMap<>();
    for (int q = 0; q < count; q++) {
      double r = random.nextDouble();
      who[q] = r < 0.10 ? Who.COLD : r < 0.15 ? Who.FRESH : Who.KNOWN;
      if (who[q] == Who.KNOWN) {
        keys[q] = events.get(random.nextInt(events.size())).userKey();
        history.put(keys[q], new ArrayList<>());
      }
    }
    for (BehaviourEvent e : events) {
      List<BehaviourEvent> mine = history.get(e.userKey());
      if (mine != null) {
        mine.add(e);
      }
    }
    for (List<BehaviourEvent> mine : history.values()) {
      mine.sort((a, b) -> b.at().compareTo(a.at())); // newest first, as the event store returns them
      if (mine.size() > 500) {
        mine.subList(500, mine.size()).clear();
      }
    }
    Map<String, ShopperProfile> profiles = new HashMap<>();
    List<Query> out = new ArrayList<>(count);
    for (int q = 0; q < count; q++) {
      ShopperProfile profile = switch (who[q]) {
        case COLD -> ShopperProfile.empty("cold-" + q, "en");
        case FRESH -> fresh(shop, builder, q, random);
        case KNOWN -> profiles.computeIfAbsent(keys[q],
            k -> builder.build(k, "en", history.get(k), shop.facts, NOW));
      };
      double r = random.nextDouble();
      Kind kind = r < 0.60 ? Kind.NONE : r < 0.85 ? Kind.CATEGORY : Kind.CATEGORY_PRICE;
      RecommendationContext ctx = RecommendationContext.none();
      if (kind != Kind.NONE) {
        int cat = askedCategory(shop, profile, random);
        Long max = kind == Kind.CATEGORY_PRICE ? budget(shop, cat, random) : null;
        ctx = new RecommendationContext(CATEGORIES[cat].name(), null, null, max, null, null, List.of(), Set.of());
      }
      out.add(new Query(profile, ctx, kind, who[q]));
    }
    return out;
  }

  /** A visitor training never saw: one to four views in the last ten minutes. */
  private static ShopperProfile fresh(Shop shop, ProfileBuilder builder, int q, Random random) {
    Taste taste = taste(shop, random);
    int views = 1 + random.nextInt(4);
    List<BehaviourEvent> mine = new ArrayList<>();
    Instant at = NOW.minusSeconds(600);
    for (int k = 0; k < views; k++) {
      Product p = shop.products.get(pick(shop, taste, taste.categories()[0], random));
      mine.add(0, new BehaviourEvent("f" + q + "-" + k, EventType.VIEW, "fresh-" + q, null, List.of(p.sku()), at,
          null, null, p.priceCents(), null));
      at = at.plusSeconds(30 + random.nextInt(60));
    }
    return builder.build("fresh-" + q, "en", mine, shop.facts, NOW);
  }

  /** Mostly the category the shopper likes most (as "show me sweaters" from a sweater fan), else a popular one. */
  private static int askedCategory(Shop shop, ShopperProfile profile, Random random) {
    if (!profile.categoryAffinity().isEmpty() && random.nextDouble() < 0.7) {
      String best = profile.categoryAffinity().entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
      return categoryIndex(best);
    }
    return draw(shop.categoryCumulative, random);
  }

  /** "Under 50 euros": a round ceiling between the category's 30th and 80th price percentile. */
  private static long budget(Shop shop, int cat, Random random) {
    long[] prices = Arrays.stream(shop.itemsOf[cat]).mapToLong(i -> shop.price[i]).sorted().toArray();
    long p = prices[(int) ((0.3 + 0.5 * random.nextDouble()) * (prices.length - 1))];
    long step = p < 5_000 ? 500 : p < 20_000 ? 1_000 : 5_000;
    return (p / step + 1) * step;
  }

  // ---------------------------------------------------------------------------------------------------------
  // The baseline: a precomputed popularity list, filtered

  /** Top k of a decayed-popularity list (whole shop or the asked category), in stock, within budget, not blocked. */
  private static final class PopularityList {
    final List<Product> products;
    final Map<String, Integer> bySku;
    final int[] all;
    final Map<String, int[]> byCategory;

    PopularityList(List<Product> products, List<BehaviourEvent> events, EventWeights weights) {
      this.products = products;
      bySku = new HashMap<>(products.size() * 2);
      for (int i = 0; i < products.size(); i++) {
        bySku.put(products.get(i).sku(), i);
      }
      double[] weight = new double[products.size()];
      for (BehaviourEvent e : events) {
        double w = weights.weight(e, NOW);
        if (w > 0) {
          for (String sku : e.skus()) {
            Integer i = bySku.get(sku);
            if (i != null) {
              weight[i] += w;
            }
          }
        }
      }
      all = java.util.stream.IntStream.range(0, products.size()).boxed()
          .sorted((a, b) -> weight[a] != weight[b] ? Double.compare(weight[b], weight[a]) : Integer.compare(a, b))
          .mapToInt(Integer::intValue).toArray();
      Map<String, List<Integer>> groups = new HashMap<>();
      for (int i : all) {
        groups.computeIfAbsent(products.get(i).category().toLowerCase(Locale.ROOT), x -> new ArrayList<>()).add(i);
      }
      byCategory = new HashMap<>();
      groups.forEach((cat, list) -> byCategory.put(cat, list.stream().mapToInt(Integer::intValue).toArray()));
    }

    List<String> recommend(ShopperProfile profile, RecommendationContext ctx, int k) {
      int[] list = ctx.category() == null ? all
          : byCategory.getOrDefault(ctx.category().toLowerCase(Locale.ROOT), new int[0]);
      int[] blocked = java.util.stream.Stream.of(profile.recentViews(), profile.cart(), profile.purchased(),
              ctx.excludeSkus())
          .flatMap(java.util.Collection::stream).mapToInt(s -> bySku.getOrDefault(s, -1)).filter(i -> i >= 0)
          .sorted().toArray();
      long max = ctx.maxPriceCents() == null ? Long.MAX_VALUE : ctx.maxPriceCents();
      List<String> out = new ArrayList<>(k);
      for (int i : list) {
        if (out.size() == k) {
          break;
        }
        Product p = products.get(i);
        if (p.inStock() && p.priceCents() <= max && Arrays.binarySearch(blocked, i) < 0) {
          out.add(p.sku());
        }
      }
      return out;
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  public static void main(String[] args) throws Exception {
    int productCount = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int eventCount = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int queryCount = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
    Random random = new Random(seed);
    System.out.printf(Locale.ROOT, "%d products, %d events, %d queries, seed %d, %d cores, Java %s, max heap %d MiB%n",
        productCount, eventCount, queryCount, seed, Runtime.getRuntime().availableProcessors(), Runtime.version(),
        Runtime.getRuntime().maxMemory() >> 20);
    long heap0 = usedAfterGc();
    long g0 = System.nanoTime();
    Shop shop = catalog(productCount, random);
    List<BehaviourEvent> events = events(shop, eventCount, random);
    double generateSeconds = (System.nanoTime() - g0) / 1e9;
    long heapInput = usedAfterGc() - heap0;
    describe(shop, events, generateSeconds, heapInput);

    // Training: the real trainer, its heap peak read from the JVM's pool counters; the baseline's "training" is one counting pass.
    HeapSampler sampler = HeapSampler.start();
    RecommenderTrainer.Trained trained = new RecommenderTrainer(RecommenderTrainer.Settings.DEFAULT)
        .train(shop.products, events, NOW);
    long peak = sampler.stop();
    long b0 = System.nanoTime();
    PopularityList baseline = new PopularityList(shop.products, events, EventWeights.DEFAULT);
    double baselineSeconds = (System.nanoTime() - b0) / 1e9;
    printTraining(trained.report(), baselineSeconds, peak, heap0);

    List<Query> queries = queries(shop, events, queryCount, new Random(seed + 1));
    events = null; // the server drops its training input once trained; so do we, before timing
    RecommenderModel model = trained.model();
    trained = null;
    long heapModel = usedAfterGc() - heap0;
    System.out.printf(Locale.ROOT, "%nheap after GC with model, catalog, baseline list and %d profiles (events "
        + "dropped): %d MiB%n", queryCount, heapModel >> 20);
    describeQueries(queries);
    digests(model, baseline, Strategy.values(), queries);

    Strategy[] strategies = Strategy.values();
    int lanes = strategies.length + 1; // lane 0: the baseline
    long[] sink = new long[lanes];
    // Warm-up: JIT and caches, every lane, twice over the first requests.
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < Math.min(5_000, queries.size()); i++) {
        for (int lane = 0; lane < lanes; lane++) {
          sink[lane] += serve(model, baseline, strategies, lane, queries.get(i));
        }
      }
    }
    Histogram[] latency = new Histogram[lanes];
    Histogram[] cpu = new Histogram[lanes];
    Histogram[][] byKind = new Histogram[lanes][Kind.values().length + 2];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int lane = 0; lane < lanes; lane++) {
      latency[lane] = histogram();
      cpu[lane] = histogram();
      for (int k = 0; k < byKind[lane].length; k++) {
        byKind[lane][k] = histogram();
      }
    }
    Arrays.fill(sink, 0);
    for (int i = 0; i < queries.size(); i++) {
      Query q = queries.get(i);
      for (int step = 0; step < lanes; step++) {
        int lane = (i + step) % lanes; // rotate the order, so no lane always runs right after another
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int n = serve(model, baseline, strategies, lane, q);
        long ns = Math.max(1, System.nanoTime() - t0);
        long c1 = threads.getCurrentThreadCpuTime();
        sink[lane] += n;
        latency[lane].recordValue(ns);
        cpu[lane].recordValue(Math.max(1, c1 - c0));
        byKind[lane][q.kind().ordinal()].recordValue(ns);
        if (q.who() != Who.KNOWN) {
          byKind[lane][Kind.values().length + (q.who() == Who.COLD ? 0 : 1)].recordValue(ns);
        }
      }
    }
    System.out.println();
    System.out.println("| top-10, one thread | p50 ms | p99 ms | max ms | p99 × baseline | CPU p50 ms | CPU p99 ms "
        + "| CPU p99 × baseline | mean results |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int lane = 0; lane < lanes; lane++) {
      Histogram h = latency[lane];
      Histogram c = cpu[lane];
      System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.1f | %.3f | %.3f | %.1f | %.2f |%n",
          laneName(strategies, lane), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)),
          ms(h.getMaxValue()), (double) h.getValueAtPercentile(99) / latency[0].getValueAtPercentile(99),
          ms(c.getValueAtPercentile(50)), ms(c.getValueAtPercentile(99)),
          (double) c.getValueAtPercentile(99) / cpu[0].getValueAtPercentile(99), (double) sink[lane] / queries.size());
    }
    System.out.println();
    System.out.println("| p50 / p99 ms by request | no constraint | category | category + max price | "
        + "no history | new visitor, 1-4 views |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (int lane = 0; lane < lanes; lane++) {
      StringBuilder row = new StringBuilder("| " + laneName(strategies, lane) + " |");
      for (Histogram h : byKind[lane]) {
        row.append(String.format(Locale.ROOT, " %.3f / %.3f (%d) |", ms(h.getValueAtPercentile(50)),
            ms(h.getValueAtPercentile(99)), h.getTotalCount()));
      }
      System.out.println(row);
    }
    throughput(model, baseline, strategies, queries);
  }

  private static int serve(RecommenderModel model, PopularityList baseline, Strategy[] strategies, int lane,
      Query q) {
    return answer(model, baseline, strategies, lane, q).size();
  }

  private static List<?> answer(RecommenderModel model, PopularityList baseline, Strategy[] strategies, int lane,
      Query q) {
    return lane == 0 ? baseline.recommend(q.profile(), q.ctx(), K)
        : model.recommend(q.profile(), q.ctx(), strategies[lane - 1], K);
  }

  /** A hash of every answer's skus in order, so two builds can be shown to recommend exactly the same. */
  private static void digests(RecommenderModel model, PopularityList baseline, Strategy[] strategies,
      List<Query> queries) {
    StringBuilder out = new StringBuilder("answer digests:");
    for (int lane = 1; lane < strategies.length + 1; lane++) {
      long h = 17;
      for (Query q : queries) {
        for (Object r : answer(model, baseline, strategies, lane, q)) {
          h = 31 * h + ((com.shopchat.recommend.Recommendation) r).sku().hashCode();
        }
        h = 31 * h + 1;
      }
      out.append(String.format(Locale.ROOT, " %s %016x", strategies[lane - 1].wire(), h));
    }
    System.out.println(out);
  }

  private static String laneName(Strategy[] strategies, int lane) {
    return lane == 0 ? "baseline: popularity list, filtered" : "RecommenderModel " + strategies[lane - 1].wire();
  }

  /** Requests per second with one thread and with two, each thread over its share of the same requests. */
  private static void throughput(RecommenderModel model, PopularityList baseline, Strategy[] strategies,
      List<Query> queries) throws InterruptedException {
    System.out.println();
    System.out.println("| throughput | 1 thread req/s | 2 threads req/s | 2 threads × 1 thread |");
    System.out.println("|---|---:|---:|---:|");
    for (int lane = 0; lane < strategies.length + 1; lane++) {
      double one = rate(model, baseline, strategies, lane, queries, 1);
      double two = rate(model, baseline, strategies, lane, queries, 2);
      System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.2f |%n", laneName(strategies, lane), one, two, two / one);
    }
  }

  private static double rate(RecommenderModel model, PopularityList baseline, Strategy[] strategies, int lane,
      List<Query> queries, int threads) throws InterruptedException {
    AtomicLong served = new AtomicLong();
    Thread[] workers = new Thread[threads];
    long t0 = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int first = t;
      workers[t] = new Thread(() -> {
        long n = 0;
        for (int i = first; i < queries.size(); i += threads) {
          n += serve(model, baseline, strategies, lane, queries.get(i));
        }
        served.addAndGet(n);
      });
      workers[t].start();
    }
    for (Thread w : workers) {
      w.join();
    }
    return queries.size() / ((System.nanoTime() - t0) / 1e9);
  }

  private static void describe(Shop shop, List<BehaviourEvent> events, double seconds, long heapBytes) {
    Map<EventType, Integer> types = new java.util.EnumMap<>(EventType.class);
    Set<String> users = new HashSet<>();
    for (BehaviourEvent e : events) {
      types.merge(e.type(), 1, Integer::sum);
      users.add(e.userKey());
    }
    long soldOut = shop.products.stream().filter(p -> !p.inStock()).count();
    int used = (int) Arrays.stream(shop.itemsOf).filter(a -> a.length > 0).count();
    System.out.printf(Locale.ROOT, "catalog: %d products in %d categories, %d brands, %d sold out; events: %d from "
        + "%d users (%s); generated in %.1f s, %d MiB of heap%n", shop.products.size(), used,
        shop.brandNames.length, soldOut, events.size(), users.size(), types, seconds, heapBytes >> 20);
  }

  private static void describeQueries(List<Query> queries) {
    Map<String, Integer> mix = new java.util.TreeMap<>();
    double views = 0;
    for (Query q : queries) {
      mix.merge(q.kind() + "/" + q.who(), 1, Integer::sum);
      views += q.profile().recentViews().size();
    }
    System.out.printf(Locale.ROOT, "requests: %s; mean recent views per profile %.1f%n", mix, views / queries.size());
  }

  private static void printTraining(TrainingReport r, double baselineSeconds, long peakHeap, long heap0) {
    System.out.printf(Locale.ROOT, "%ntraining: %d events read, %d used, %d users, %d user x item cells, %d bought "
        + "cells; peak heap while training %d MiB%n", r.events(), r.usedEvents(), r.users(), r.interactions(),
        r.purchaseInteractions(), (peakHeap - heap0) >> 20);
    System.out.println();
    System.out.println("| training | seconds | share |");
    System.out.println("|---|---:|---:|");
    double total = r.totalSeconds();
    String[] names = {"catalog index", "matrices (one pass over the events)", "item kNN, viewed together",
      "item kNN, bought together", "iALS", "model (popularity lists, content)"};
    double[] secs = {r.indexSeconds(), r.matrixSeconds(), r.viewedTogetherSeconds(), r.boughtTogetherSeconds(),
      r.alsSeconds(), total - r.indexSeconds() - r.matrixSeconds() - r.viewedTogetherSeconds()
          - r.boughtTogetherSeconds() - r.alsSeconds()};
    for (int k = 0; k < names.length; k++) {
      System.out.printf(Locale.ROOT, "| %s | %.3f | %.0f %% |%n", names[k], secs[k], 100 * secs[k] / total);
    }
    System.out.printf(Locale.ROOT, "| **total** | **%.3f** | × baseline %.1f |%n", total, total / baselineSeconds);
    System.out.printf(Locale.ROOT, "| baseline: popularity list (one counting pass, sorts) | %.3f | |%n",
        baselineSeconds);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Helpers

  private static Histogram histogram() {
    return new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static long usedAfterGc() {
    for (int k = 0; k < 3; k++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  /**
   * The heap's peak use over a stretch of work, from the JVM's own per-pool peak counters (no sampling thread):
   * {@link #start} resets them, {@link #stop} sums the heap pools' peaks.
   */
  private static final class HeapSampler {

    static HeapSampler start() {
      heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
      return new HeapSampler();
    }

    long stop() {
      return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
      return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
        .toList();
    }
  }

  private static int[] shuffled(int n, Random random) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  private static double[] cumulative(double[] w) {
    double[] out = new double[w.length];
    double sum = 0;
    for (int k = 0; k < w.length; k++) {
      sum += w[k];
      out[k] = sum;
    }
    return out;
  }

  private static int draw(double[] cumulative, Random random) {
    double x = random.nextDouble() * cumulative[cumulative.length - 1];
    int k = Arrays.binarySearch(cumulative, x);
    k = k >= 0 ? k : -k - 1;
    return Math.min(cumulative.length - 1, k);
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
