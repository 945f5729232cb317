package com.shopchat.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reference values from tables and from an independent erf/erfc (C's libm, through Python's math module). */
@DisplayName("The experiment statistics")
class StatsTest {

  @Test
  @DisplayName("erf and erfc match reference values to 1e-12, far tail included")
  void errorFunction() {
    assertEquals(0.5204998778130465, Stats.erf(0.5), 1e-12);
    assertEquals(0.8427007929497149, Stats.erf(1), 1e-12);
    assertEquals(-0.8427007929497149, Stats.erf(-1), 1e-12);
    assertEquals(0.9999589021219005, Stats.erf(2.9), 1e-12);
    assertEquals(0, Stats.erf(0), 0);
    assertEquals(2.2090496998585438e-05, Stats.erfc(3), 1e-17);
    assertEquals(1.5374597944280351e-12, Stats.erfc(5), 1e-22);
    assertEquals(2.088487583762545e-45, Stats.erfc(10), 1e-55);
    assertEquals(2 - 2.2090496998585438e-05, Stats.erfc(-3), 1e-12);
  }

  @Test
  @DisplayName("the normal CDF gives Φ(1.96) = 0.97500 and the two-sided p of 1.96 is 0.05")
  void normal() {
    assertEquals(0.9750021048517795, Stats.normalCdf(1.96), 1e-12);
    assertEquals(0.5, Stats.normalCdf(0), 1e-15);
    assertEquals(0.0249978951482205, Stats.normalCdf(-1.96), 1e-12);
    assertEquals(0.04999579029644087, Stats.twoSidedP(1.96), 1e-12);
    assertEquals(0.05, Stats.twoSidedP(Stats.Z_95), 1e-12);
    assertEquals(1, Stats.twoSidedP(0), 1e-15);
  }

  @Test
  @DisplayName("the Wilson interval of 0 of 10 is [0, 0.2775], of 50 of 100 is [0.4038, 0.5962]; no trials is [0, 1]")
  void wilson() {
    Stats.Interval none = Stats.wilson(0, 10);
    assertEquals(0, none.low(), 1e-12);
    assertEquals(0.2775327998628892, none.high(), 1e-9);
    Stats.Interval half = Stats.wilson(50, 100);
    assertEquals(0.4038315303659956, half.low(), 1e-9);
    assertEquals(0.5961684696340044, half.high(), 1e-9);
    Stats.Interval some = Stats.wilson(81, 263);
    assertEquals(0.2552885198782742, some.low(), 1e-9);
    assertEquals(0.36620957698280004, some.high(), 1e-9);
    assertEquals(new Stats.Interval(0, 1), Stats.wilson(0, 0));
    assertEquals(1, Stats.wilson(10, 10).high(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Stats.wilson(11, 10));
  }

  @Test
  @DisplayName("the two-proportion z-test of 10 % vs 13 % of 1000 each gives z = 2.1027, p = 0.0355")
  void twoProportion() {
    Stats.ZTest test = Stats.twoProportion(100, 1000, 130, 1000);
    assertEquals(2.102740605622114, test.z(), 1e-9);
    assertEquals(0.03548845046647473, test.p(), 1e-9);
    Stats.ZTest reversed = Stats.twoProportion(130, 1000, 100, 1000);
    assertEquals(-test.z(), reversed.z(), 1e-12);
    assertEquals(test.p(), reversed.p(), 1e-12);
    Stats.ZTest same = Stats.twoProportion(200, 1000, 200, 1000);
    assertEquals(0, same.z(), 1e-12);
    assertEquals(1, same.p(), 1e-12);
    assertNull(Stats.twoProportion(0, 0, 5, 10), "no control trials: undefined");
    assertNull(Stats.twoProportion(0, 10, 0, 10), "no variance: undefined");
  }
}
