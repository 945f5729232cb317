package com.shopchat.nlu.entity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The word lists behind the gazetteer recognizers, in English and Chinese: colours, countries, cities, account
 * tiers and first names. Lists, not a model, because these are closed sets a shop can read and extend.
 *
 * <p>An entry line is {@code Canonical=alias,alias,…}; the canonical name is an alias too. An English alias
 * matches case-insensitively unless marked: {@code ^} needs a capital first letter (so "turkey" the bird and
 * "china" the porcelain stay words), {@code !} needs the exact case ("US" but not "us"). An alias in Chinese
 * script goes to the Chinese table, matched inside running text.
 */
final class Lexicon {

  /** How an English alias must be written to count. */
  enum Case { ANY, CAPITALIZED, EXACT }

  /**
   * One name an entity goes by: its type, canonical value, the case it must be written in and, for
   * {@link Case#EXACT}, the spelling itself ("US").
   */
  record Name(String type, String value, Case written, String spelling) {}

  // Colour words that are also everyday words ("rust", "clear", "gold", "sand"): they count only next to a
  // colour cue ("in sand", "gold colour") — see AttributeRecognizer.
  static final Set<String> CONTEXTUAL_COLORS = Set.of("gold", "silver", "cream", "sand", "stone", "rust", "clear",
    "camel", "cognac", "tobacco", "mint", "coral", "copper", "champagne", "olive", "mustard", "natural", "wine",
    "chocolate", "forest", "honey", "peach", "plum", "cherry", "ivory", "salmon", "tan", "rose", "lime");

  private static final String COLORS = """
    black=blk,jet black,黑色,纯黑色
    white=pure white,白色,纯白色,纯白
    grey=gray,灰色
    red=红色
    blue=蓝色
    navy=navy blue,dark navy,藏青色,藏青,藏蓝色,藏蓝,海军蓝,深蓝色
    green=绿色
    yellow=黄色
    orange=橙色,橘色,橘黄色
    purple=violet,紫色
    pink=粉色,粉红色,粉红
    brown=棕色,褐色,咖啡色
    beige=米色,米黄色
    off-white=off white,offwhite,米白色,米白
    cream=奶油色
    ivory=象牙白
    khaki=卡其色,卡其
    olive=olive green,橄榄绿,橄榄色
    teal=蓝绿色
    turquoise=aqua,青绿色
    burgundy=maroon,wine red,wine,酒红色,枣红色
    indigo=靛蓝色
    charcoal=charcoal grey,charcoal gray,炭灰色
    tan
    camel=驼色
    sand
    stone
    mustard=芥末黄
    rust=铁锈红
    terracotta
    sage
    lavender=淡紫色
    lilac
    mint=mint green,薄荷绿
    coral=珊瑚色
    gold=golden,金色
    silver=银色
    bronze=古铜色
    copper
    rose gold=玫瑰金
    champagne=香槟色
    cognac
    tobacco
    clear=transparent,透明
    multicolour=multicolor,multi-colour,multi-color,multicoloured,multicolored,彩色,多色
    heather grey=heather gray
    light blue=sky blue,baby blue,浅蓝色,天蓝色,淡蓝色
    dark blue=royal blue
    light grey=light gray,浅灰色
    dark grey=dark gray,深灰色
    light brown=浅棕色
    dark brown=深棕色,深咖啡色
    dark green=forest green,墨绿色,深绿色
    light green=浅绿色
    army green=军绿色
    """;

  private static final String COUNTRIES = """
    United States=!US,!U.S.,!U.S.A.,usa,united states,united states of america,america,美国
    United Kingdom=!UK,!U.K.,united kingdom,great britain,britain,英国
    England=英格兰
    Scotland=苏格兰
    Wales=威尔士
    Germany=deutschland,德国
    France=法国
    Italy=italia,意大利
    Spain=españa,西班牙
    Portugal=葡萄牙
    Netherlands=the netherlands,holland,荷兰
    Belgium=比利时
    Luxembourg=卢森堡
    Switzerland=瑞士
    Austria=österreich,奥地利
    Ireland=爱尔兰
    Denmark=丹麦
    Sweden=瑞典
    Norway=挪威
    Finland=芬兰
    Iceland=冰岛
    Poland=波兰
    Czech Republic=czechia,捷克
    Slovakia=斯洛伐克
    Hungary=匈牙利
    Romania=罗马尼亚
    Bulgaria=保加利亚
    Greece=希腊
    Turkey=^Turkey,türkiye,土耳其
    Croatia=克罗地亚
    Slovenia=斯洛文尼亚
    Serbia=塞尔维亚
    Estonia=爱沙尼亚
    Latvia=拉脱维亚
    Lithuania=立陶宛
    Ukraine=乌克兰
    Russia=俄罗斯
    Cyprus=塞浦路斯
    Malta=马耳他
    Canada=加拿大
    Mexico=墨西哥
    Brazil=brasil,巴西
    Argentina=阿根廷
    Chile=智利
    Colombia=哥伦比亚
    Peru=秘鲁
    China=^China,prc,中国,中国大陆
    Japan=日本
    South Korea=korea,south korea,韩国
    Taiwan=台湾
    Singapore=新加坡
    Malaysia=马来西亚
    Thailand=泰国
    Vietnam=viet nam,越南
    Indonesia=印度尼西亚,印尼
    Philippines=the philippines,菲律宾
    India=印度
    Pakistan=巴基斯坦
    Australia=澳大利亚,澳洲
    New Zealand=新西兰
    United Arab Emirates=!UAE,阿联酋
    Saudi Arabia=沙特阿拉伯,沙特
    Israel=以色列
    Qatar=卡塔尔
    Egypt=埃及
    South Africa=南非
    Nigeria=尼日利亚
    Kenya=肯尼亚
    Morocco=摩洛哥
    """;

  // Cities that are also common words in a shop chat ("Nice", "Reading", "Bath", "Mobile") are left out.
  private static final String CITIES = """
    Berlin=柏林
    Munich=münchen,muenchen,慕尼黑
    Hamburg
    Frankfurt=frankfurt am main,法兰克福
    Cologne=köln,koeln,科隆
    Stuttgart=斯图加特
    Düsseldorf=dusseldorf,duesseldorf,杜塞尔多夫
    Leipzig=莱比锡
    Dresden=德累斯顿
    Hanover=hannover,汉诺威
    Nuremberg=nürnberg,nuernberg,纽伦堡
    Bremen=不来梅
    Vienna=wien,维也纳
    Salzburg=萨尔茨堡
    Zurich=zürich,zuerich,苏黎世
    Geneva=genève,genf,日内瓦
    Basel=巴塞尔
    Bern=伯尔尼
    Paris=巴黎
    Lyon=里昂
    Marseille=marseilles
    Toulouse=图卢兹
    Bordeaux=波尔多
    Lille=里尔
    Strasbourg=斯特拉斯堡
    Rome=roma,罗马
    Milan=milano,米兰
    Naples=napoli,那不勒斯
    Turin=torino,都灵
    Florence=firenze,佛罗伦萨
    Venice=venezia,威尼斯
    Bologna=博洛尼亚
    Madrid=马德里
    Barcelona=巴塞罗那
    Valencia=瓦伦西亚,巴伦西亚
    Seville=sevilla,塞维利亚
    Malaga=málaga,马拉加
    Bilbao=毕尔巴鄂
    Lisbon=lisboa,里斯本
    Porto=波尔图
    Amsterdam=阿姆斯特丹
    Rotterdam=鹿特丹
    The Hague=den haag,海牙
    Utrecht=乌得勒支
    Brussels=bruxelles,brussel,布鲁塞尔
    Antwerp=antwerpen,安特卫普
    Dublin=都柏林
    Cork=^Cork,科克
    Galway=戈尔韦
    London=伦敦
    Manchester=曼彻斯特
    Liverpool=利物浦
    Birmingham=伯明翰
    Leeds=利兹
    Glasgow=格拉斯哥
    Edinburgh=爱丁堡
    Bristol=布里斯托
    Newcastle=纽卡斯尔
    Sheffield=谢菲尔德
    Cardiff=卡迪夫
    Belfast=贝尔法斯特
    Oxford=^Oxford,牛津
    Cambridge=^Cambridge,剑桥
    Copenhagen=københavn,kobenhavn,哥本哈根
    Stockholm=斯德哥尔摩
    Oslo=奥斯陆
    Helsinki=赫尔辛基
    Reykjavik=雷克雅未克
    Warsaw=warszawa,华沙
    Krakow=kraków,cracow,克拉科夫
    Prague=praha,布拉格
    Budapest=布达佩斯
    Bucharest=bucurești,布加勒斯特
    Athens=雅典
    Istanbul=伊斯坦布尔
    Moscow=莫斯科
    Kyiv=kiev,基辅
    New York=new york city,nyc,纽约
    Los Angeles=洛杉矶
    San Francisco=旧金山
    Chicago=芝加哥
    Seattle=西雅图
    Boston=波士顿
    Washington=^Washington,华盛顿
    Houston=休斯顿
    Dallas=达拉斯
    Miami=迈阿密
    Atlanta=亚特兰大
    Denver=丹佛
    Philadelphia=费城
    Detroit=底特律
    Phoenix=^Phoenix,凤凰城
    San Diego=圣地亚哥
    Las Vegas=拉斯维加斯
    Portland=波特兰
    Minneapolis=明尼阿波利斯
    Toronto=多伦多
    Vancouver=温哥华
    Montreal=montréal,蒙特利尔
    Ottawa=渥太华
    Calgary=卡尔加里
    Mexico City=墨西哥城
    São Paulo=sao paulo,圣保罗
    Rio de Janeiro=里约热内卢
    Buenos Aires=布宜诺斯艾利斯
    Bogotá=bogota,波哥大
    Beijing=peking,北京
    Shanghai=上海
    Guangzhou=广州
    Shenzhen=深圳
    Hangzhou=杭州
    Nanjing=南京
    Chengdu=成都
    Chongqing=重庆
    Wuhan=武汉
    Xi'an=xian,西安
    Tianjin=天津
    Suzhou=苏州
    Xiamen=厦门
    Qingdao=青岛
    Dalian=大连
    Shenyang=沈阳
    Harbin=哈尔滨
    Zhengzhou=郑州
    Kunming=昆明
    Ningbo=宁波
    Hong Kong=hongkong,香港
    Macau=macao,澳门
    Taipei=台北
    Tokyo=东京
    Osaka=大阪
    Kyoto=京都
    Seoul=首尔
    Busan=釜山
    Bangkok=曼谷
    Kuala Lumpur=吉隆坡
    Jakarta=雅加达
    Manila=马尼拉
    Hanoi=河内
    Ho Chi Minh City=saigon,胡志明市
    Mumbai=bombay,孟买
    Delhi=new delhi,新德里
    Bangalore=bengaluru,班加罗尔
    Dubai=迪拜
    Abu Dhabi=阿布扎比
    Doha=多哈
    Tel Aviv=特拉维夫
    Sydney=悉尼
    Melbourne=墨尔本
    Brisbane=布里斯班
    Perth=珀斯
    Auckland=奥克兰
    Cairo=开罗
    Cape Town=开普敦
    Johannesburg=约翰内斯堡
    Nairobi=内罗毕
    """;

  /** Tier words of customer accounts and their canonical names; they count only before "account" and kin. */
  static final Map<String, String> ACCOUNT_TIERS = Map.ofEntries(
    Map.entry("free", "Free"), Map.entry("freemium", "Freemium"), Map.entry("standard", "Standard"),
    Map.entry("basic", "Basic"), Map.entry("premium", "Premium"), Map.entry("pro", "Pro"),
    Map.entry("plus", "Plus"), Map.entry("gold", "Gold"), Map.entry("platinum", "Platinum"),
    Map.entry("silver", "Silver"), Map.entry("bronze", "Bronze"), Map.entry("business", "Business"),
    Map.entry("personal", "Personal"), Map.entry("family", "Family"), Map.entry("student", "Student"),
    Map.entry("enterprise", "Enterprise"), Map.entry("vip", "VIP"), Map.entry("starter", "Starter"),
    Map.entry("trial", "Trial"), Map.entry("guest", "Guest"), Map.entry("corporate", "Corporate"));

  /** The Chinese tier words (before 会员, 账户 and kin). */
  static final Map<String, String> CHINESE_ACCOUNT_TIERS = Map.ofEntries(
    Map.entry("免费", "Free"), Map.entry("标准", "Standard"), Map.entry("基础", "Basic"), Map.entry("普通", "Standard"),
    Map.entry("高级", "Premium"), Map.entry("专业", "Pro"), Map.entry("黄金", "Gold"), Map.entry("金卡", "Gold"),
    Map.entry("白金", "Platinum"), Map.entry("铂金", "Platinum"), Map.entry("银卡", "Silver"),
    Map.entry("企业", "Business"), Map.entry("个人", "Personal"), Map.entry("家庭", "Family"),
    Map.entry("学生", "Student"), Map.entry("试用", "Trial"));

  /** Words that make the tier word before them an account type. */
  static final List<String> ACCOUNT_WORDS = List.of("account", "accounts", "profile", "profiles", "plan", "plans",
    "membership", "memberships", "member", "subscription", "subscriptions", "tier", "package", "user", "level");

  // Common English first names. Names that are also everyday words, months, colours or places ("Will", "May",
  // "Rose", "Amber", "Georgia", "Chelsea", "Paris") are left out: a capital at the start of a sentence would
  // make them names.
  static final Set<String> FIRST_NAMES = Set.of("""
    aaron adam adrian aidan alan albert alex alexander alexandra alice alicia amanda amelia amy ana andrea andrew
    angela anja anna anne anthony antonio arthur ashley astrid ava barbara ben benjamin beth betty brandon brian
    bruce carl carla carlos carmen caroline catherine charles charlie charlotte chiara chloe chris christian
    christina christine christopher claire clara daniel david deborah denise diana diego donald donna dorothy
    douglas edward elena eli elias elizabeth ella ellen emily emma eric erik ethan evelyn felix fiona francesca
    gabriel gary george giulia giovanni gregory hannah hans harold harry heather helen henry ian ingrid irene
    irina isabel isabella jacob james jan jane janet jason jeffrey jennifer jeremy jessica joan joe johannes
    john jonas jonathan jose joseph joshua juan judith julia julian julie justin karen katarina katherine
    kathleen kelly kenneth kevin kimberly klaus larry laura lauren lea lena leo liam linda lisa louis lucas
    lucia lucy luis luca lukas manon marco margaret maria marie martin mary matthew max melissa mia michael
    michelle miguel monica nancy natalia nathan nicholas nicole noah olga oliver olivia pablo pamela patricia
    patrick paul pedro peter philip rachel ralph raymond rebecca richard robert roger ronald ruth ryan samantha
    samuel sandra sara sarah scott sean sharon sophia sophie stefan stephanie stephen steven susan teresa
    thomas timothy tobias victor vincent walter wei william zoe
    """.strip().split("\\s+"));

  /** Common Chinese family names, for "我叫…" and the like. */
  static final String CHINESE_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    + "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫"
    + "孔向汤";

  /** English phrase (folded words joined by one space) → names it can be, in order of preference. */
  static final Map<String, List<Name>> ENGLISH;
  /** Chinese phrase → the name it is. */
  static final Map<String, Name> CHINESE;
  /** The first words of the English phrases, so most words are passed over with one lookup. */
  static final Set<String> FIRST_WORDS;
  /** The most words an English phrase of the lexicon has. */
  static final int LONGEST_ENGLISH_PHRASE;
  /** The most characters a Chinese phrase of the lexicon has. */
  static final int LONGEST_CHINESE_PHRASE;

  static {
    Map<String, List<Name>> english = new HashMap<>();
    Map<String, Name> chinese = new HashMap<>();
    // Cities first: "Mexico City" and "New York" must win over the country inside them, and a name that is both
    // (Singapore) is listed once.
    load(CITIES, Entity.CITY, english, chinese);
    load(COUNTRIES, Entity.COUNTRY, english, chinese);
    load(COLORS, Entity.COLOR, english, chinese);
    english.replaceAll((phrase, names) -> List.copyOf(names));
    ENGLISH = Map.copyOf(english);
    FIRST_WORDS = english.keySet().stream().map(k -> k.split(" ")[0]).collect(Collectors.toUnmodifiableSet());
    CHINESE = Map.copyOf(chinese);
    LONGEST_ENGLISH_PHRASE = english.keySet().stream().mapToInt(k -> k.split(" ").length).max().orElse(1);
    LONGEST_CHINESE_PHRASE = chinese.keySet().stream().mapToInt(String::length).max().orElse(1);
  }

  private Lexicon() {
  }

  private static void load(String lines, String type, Map<String, List<Name>> english, Map<String, Name> chinese) {
    for (String line : lines.strip().split("\n")) {
      String[] parts = line.strip().split("=", 2);
      String canonical = parts[0];
      Set<String> aliases = new HashSet<>();
      aliases.add(canonical);
      if (parts.length > 1) {
        aliases.addAll(List.of(parts[1].split(",")));
      }
      boolean canonicalMarked = aliases.stream().anyMatch(a -> a.length() > 1
        && (a.charAt(0) == '^' || a.charAt(0) == '!') && a.substring(1).equalsIgnoreCase(canonical));
      for (String alias : aliases) {
        if (canonicalMarked && alias.equals(canonical)) {
          continue;
        }
        add(alias, type, canonical, english, chinese);
      }
    }
  }

  private static void add(String alias, String type, String canonical, Map<String, List<Name>> english,
    Map<String, Name> chinese) {
    if (alias.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
      chinese.putIfAbsent(alias, new Name(type, canonical, Case.ANY, alias));
      return;
    }
    Case written = switch (alias.charAt(0)) {
      case '^' -> Case.CAPITALIZED;
      case '!' -> Case.EXACT;
      default -> Case.ANY;
    };
    String plain = written == Case.ANY ? alias : alias.substring(1);
    // Keyed by folded words, as the Utterance splits them: "off-white" → "off white", "U.S." → "u s".
    Utterance words = new Utterance(plain);
    List<String> folded = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      folded.add(words.word(i));
    }
    if (!folded.isEmpty()) {
      english.computeIfAbsent(String.join(" ", folded), k -> new ArrayList<>())
        .add(new Name(type, canonical, written, plain));
    }
  }
}
