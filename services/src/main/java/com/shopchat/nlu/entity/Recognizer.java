package com.shopchat.nlu.entity;

import java.util.List;

/** One way of finding entities; recognizers may propose overlapping spans, the extractor settles them. */
interface Recognizer {

  /** Adds what it finds in {@code utterance} to {@code out}; must be thread-safe and never throw on odd text. */
  void find(Utterance utterance, List<Candidate> out);
}
