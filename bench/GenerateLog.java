import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Writes a synthetic per-sample log of N records over Q questions with DuckDB, for bench/logs.sh and by
 * hand: {@code java -cp kstar-cli/target/lib/duckdb_jdbc-*.jar bench/GenerateLog.java N Q OUT [parquet|jsonl|csv]}.
 * OUT is a directory (Parquet: one file per DuckDB thread) or a file (JSONL, CSV). Seeded: the same
 * arguments give the same questions (the samples are drawn on several threads). Question i has difficulty p_i = u^0.4 (u uniform), input tokens
 * 400 + U(0, 300) per question, output tokens 800 + U(0, 1400) per sample, latency
 * 0.0003·in + 0.012·out + U(−0.5, 0.5) s, cost 0.2e-6·in + 0.8e-6·out USD, correct with probability p_i.
 */
public class GenerateLog {
  public static void main(String[] args) throws Exception {
    long n = Long.parseLong(args[0]);
    long q = Long.parseLong(args[1]);
    String out = args[2].replace("'", "''");
    String format = args.length > 3 ? args[3] : "parquet";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("SET memory_limit = '500MB'");
      st.execute("SET preserve_insertion_order = false");
      st.execute("SELECT setseed(0.42)");
      st.execute("CREATE TABLE questions AS SELECT i AS qid, 'q' || lpad(CAST(i AS VARCHAR), 6, '0') AS question,"
          + " pow(random(), 0.4) AS p, 400 + CAST(floor(300 * random()) AS INTEGER) AS lin FROM range(" + q + ") t(i)");
      String select = "SELECT question, 'my-model' AS model, lin AS input_tokens, out AS output_tokens,"
          + " round(greatest(0, 0.0003 * lin + 0.012 * out + random() - 0.5), 6) AS latency_s,"
          + " round(0.2e-6 * lin + 0.8e-6 * out, 10) AS cost_usd, random() < p AS correct"
          + " FROM (SELECT i % " + q + " AS qid, 800 + CAST(floor(1400 * random()) AS INTEGER) AS out FROM range(" + n
          + ") t(i)) JOIN questions USING (qid)";
      String options = switch (format) {
        case "parquet" -> "(FORMAT parquet, PER_THREAD_OUTPUT true, OVERWRITE_OR_IGNORE true)";
        case "csv" -> "(FORMAT csv, HEADER true)";
        default -> "(FORMAT json)";
      };
      st.execute("COPY (" + select + ") TO '" + out + "' " + options);
    }
  }
}
