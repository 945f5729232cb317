package com.shopchat.recommend;

import java.util.Arrays;

/**
 * A sparse rows × columns matrix of non-negative weights in compressed sparse row form (row pointers, column
 * indices, values: three primitive arrays, so 1M interactions take ~8 MB and no objects). Rows are users and
 * columns items, or the transpose. Duplicate (row, column) pairs are summed when built. Immutable.
 */
public final class Interactions {

  private final int rows;
  private final int columns;
  private final int[] rowStart;
  private final int[] column;
  private final float[] value;

  private Interactions(int rows, int columns, int[] rowStart, int[] column, float[] value) {
    this.rows = rows;
    this.columns = columns;
    this.rowStart = rowStart;
    this.column = column;
    this.value = value;
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  /** Stored (non-zero) entries. */
  public int size() {
    return rowStart[rows];
  }

  public int rowStart(int row) {
    return rowStart[row];
  }

  public int rowEnd(int row) {
    return rowStart[row + 1];
  }

  public int column(int entry) {
    return column[entry];
  }

  public float value(int entry) {
    return value[entry];
  }

  public int rowLength(int row) {
    return rowStart[row + 1] - rowStart[row];
  }

  /** The same weights with rows and columns swapped (users × items becomes items × users). */
  public Interactions transpose() {
    int[] start = new int[columns + 1];
    for (int e = 0; e < size(); e++) {
      start[column[e] + 1]++;
    }
    for (int c = 0; c < columns; c++) {
      start[c + 1] += start[c];
    }
    int[] fill = Arrays.copyOf(start, columns);
    int[] rowOf = new int[size()];
    float[] v = new float[size()];
    for (int r = 0; r < rows; r++) {
      for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
        int at = fill[column[e]]++;
        rowOf[at] = r;
        v[at] = value[e];
      }
    }
    return new Interactions(columns, rows, start, rowOf, v);
  }

  /** Collects (row, column, weight) triples in growing primitive arrays; {@link #build()} sums duplicates. */
  public static final class Builder {
    private final int rows;
    private final int columns;
    private int[] r = new int[1024];
    private int[] c = new int[1024];
    private float[] w = new float[1024];
    private int n;

    public Builder(int rows, int columns) {
      this.rows = rows;
      this.columns = columns;
    }

    public Builder add(int row, int col, double weight) {
      if (row < 0 || row >= rows || col < 0 || col >= columns) {
        throw new IndexOutOfBoundsException("(" + row + ", " + col + ") outside " + rows + " × " + columns);
      }
      if (weight <= 0) {
        return this;
      }
      if (n == r.length) {
        int grown = n + (n >> 1);
        r = Arrays.copyOf(r, grown);
        c = Arrays.copyOf(c, grown);
        w = Arrays.copyOf(w, grown);
      }
      r[n] = row;
      c[n] = col;
      w[n] = (float) weight;
      n++;
      return this;
    }

    /** Counting sort by row, then per row by column, summing duplicate cells. */
    public Interactions build() {
      int[] start = new int[rows + 1];
      for (int i = 0; i < n; i++) {
        start[r[i] + 1]++;
      }
      for (int i = 0; i < rows; i++) {
        start[i + 1] += start[i];
      }
      int[] fill = Arrays.copyOf(start, rows);
      long[] packed = new long[n];
      for (int i = 0; i < n; i++) {
        // Column in the high bits, float bits in the low: sorting a row's slice orders it by column.
        packed[fill[r[i]]++] = ((long) c[i] << 32) | (Float.floatToRawIntBits(w[i]) & 0xffffffffL);
      }
      int[] outStart = new int[rows + 1];
      int[] outCol = new int[n];
      float[] outVal = new float[n];
      int m = 0;
      for (int row = 0; row < rows; row++) {
        Arrays.sort(packed, start[row], start[row + 1]);
        int last = -1;
        for (int i = start[row]; i < start[row + 1]; i++) {
          int col = (int) (packed[i] >>> 32);
          float v = Float.intBitsToFloat((int) packed[i]);
          if (col == last) {
            outVal[m - 1] += v;
          } else {
            outCol[m] = col;
            outVal[m] = v;
            m++;
            last = col;
          }
        }
        outStart[row + 1] = m;
      }
      return new Interactions(rows, columns, outStart, Arrays.copyOf(outCol, m), Arrays.copyOf(outVal, m));
    }
  }
}
