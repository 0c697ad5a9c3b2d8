package dev.keychain4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keychain4j.ItemClass;
import dev.keychain4j.ItemInfo;
import dev.keychain4j.ItemQuery;
import dev.keychain4j.KeyAlgorithm;
import dev.keychain4j.Keychain;
import dev.keychain4j.KeychainException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    version = KeychainCommand.VERSION,
    description = "Lists the items of the keychain as a table, or as a JSON array with --json.",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class ListCommand implements Callable<Integer> {
  private static final String[] HEADER = {"CLASS", "TAG", "ALGORITHM", "CREATED", "LABEL"};

  @Mixin KeychainOptions keychain = new KeychainOptions();

  @Option(
      names = "--json",
      description =
          "Print a JSON array of objects with the fields class, tag, label, algorithm and created"
              + " (label and algorithm are null when absent).")
  boolean json;

  @Option(names = "--class", paramLabel = "CLASS", description = "Only items of this class: key, certificate, identity, secret.")
  @Nullable ItemClass itemClass;

  @Option(names = "--tag", paramLabel = "TAG", description = "Only the items with this tag.")
  @Nullable String tag;

  @Option(names = "--label", paramLabel = "LABEL", description = "Only the items with this label.")
  @Nullable String label;

  @Option(names = "--algorithm", paramLabel = "ALGORITHM", description = "Only keys of this algorithm, such as ec-p256.")
  @Nullable KeyAlgorithm algorithm;

  @Override
  public Integer call() throws Exception {
    List<ItemInfo> items = query();
    PrintWriter out = keychain.environment().out();
    if (json) {
      printJson(items, out);
    } else {
      printTable(items, out);
    }
    return ExitCodes.SUCCESS;
  }

  private List<ItemInfo> query() throws InvalidInputException, KeychainException {
    ItemQuery query =
        ItemQuery.builder().itemClass(itemClass).tag(tag).label(label).algorithm(algorithm).build();
    try (Keychain opened = keychain.open()) {
      return opened.query(query);
    }
  }

  private static void printJson(List<ItemInfo> items, PrintWriter out) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode array = mapper.createArrayNode();
    for (ItemInfo item : items) {
      ObjectNode node = array.addObject();
      node.put("class", CliNames.name(item.itemClass()));
      node.put("tag", item.tag());
      node.put("label", item.label().orElse(null));
      node.put("algorithm", item.algorithm().map(KeyAlgorithm::cliName).orElse(null));
      node.put("created", item.creationTime().toString());
    }
    out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
  }

  private static void printTable(List<ItemInfo> items, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (ItemInfo item : items) {
      rows.add(
          new String[] {
            CliNames.name(item.itemClass()),
            item.tag(),
            item.algorithm().map(KeyAlgorithm::cliName).orElse("-"),
            item.creationTime().toString(),
            item.label().orElse("-")
          });
    }

    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int column = 0; column < row.length; column++) {
        widths[column] = Math.max(widths[column], row[column].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < row.length; column++) {
        line.append(row[column]);
        if (column < row.length - 1) {
          line.append(" ".repeat(widths[column] - row[column].length() + 2));
        }
      }
      out.println(line);
    }
  }
}
