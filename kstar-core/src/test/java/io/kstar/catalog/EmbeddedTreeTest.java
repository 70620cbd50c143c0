package io.kstar.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The embedded resources' parsed trees (written by the build, read by every command) against their YAML. */
class EmbeddedTreeTest {

  @ParameterizedTest
  @FieldSource("io.kstar.catalog.EmbeddedTree#RESOURCES")
  void theBuildWroteATreeHoldingTheYamlsNodes(String name) {
    assertThat(EmbeddedTree.class.getResource("/kstar/" + EmbeddedTree.treeName(name)))
        .as("the tree of %s (exec-maven-plugin, phase process-classes)", name).isNotNull();
    YamlDocument fromTree = YamlDocument.resource(name);
    YamlDocument fromYaml = YamlDocument.yamlResource(name);
    // JsonNode equality is exact: node types (an integer is not a double) and every number's bits
    assertThat(fromTree.root()).isEqualTo(fromYaml.root());
    assertThat(fromTree.source()).isEqualTo("embedded " + name).isEqualTo(fromYaml.source());
  }

  @Test
  void theEmbeddedCatalogAndScenariosReadTheSameFromEither() {
    assertThat(CatalogReader.embedded()).isEqualTo(CatalogReader.read(YamlDocument.yamlResource(CatalogReader.EMBEDDED)));
    assertThat(ScenarioReader.embedded()).isEqualTo(ScenarioReader.read(YamlDocument.yamlResource(ScenarioReader.EMBEDDED)));
  }

  @Test
  void treesAreNamedAfterTheirYaml() {
    assertThat(EmbeddedTree.treeName("paper-models.yaml")).isEqualTo("paper-models.yaml.tree");
  }

  @Test
  void theBuildStepWritesEachYamlAsATreeBesideIt(@TempDir Path dir) throws Exception {
    Path kstar = Files.createDirectories(dir.resolve("kstar"));
    for (String name : EmbeddedTree.RESOURCES) {
      try (InputStream in = EmbeddedTree.class.getResourceAsStream("/kstar/" + name)) {
        Files.copy(in, kstar.resolve(name));
      }
    }
    EmbeddedTree.main(new String[] {dir.toString()});
    for (String name : EmbeddedTree.RESOURCES) {
      try (InputStream in = Files.newInputStream(kstar.resolve(EmbeddedTree.treeName(name)))) {
        assertThat(EmbeddedTree.read(in)).isEqualTo(YamlDocument.yamlResource(name).root());
      }
    }
  }

  @Test
  void theBuildStepRefusesAnythingButOneDirectory() {
    assertThatThrownBy(() -> EmbeddedTree.main(new String[0])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("usage");
    assertThatThrownBy(() -> EmbeddedTree.main(new String[] {"a", "b"})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aResourceWithoutATreeIsReadFromItsYamlAndAMissingOneIsABug() {
    // kstar/without-tree.yaml is a test resource: the build writes trees for EmbeddedTree.RESOURCES only
    assertThat(EmbeddedTree.class.getResource("/kstar/" + EmbeddedTree.treeName("without-tree.yaml"))).isNull();
    YamlDocument doc = YamlDocument.resource("without-tree.yaml");
    assertThat(doc.source()).isEqualTo("embedded without-tree.yaml");
    assertThat(doc.root().get("scenarios").get("only").get("k_max").intValue()).isEqualTo(8);
    assertThatThrownBy(() -> YamlDocument.resource("no-such-resource.yaml")).isInstanceOf(IllegalStateException.class)
        .hasMessage("missing embedded resource no-such-resource.yaml");
  }

  private static JsonNode roundTrip(JsonNode tree) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EmbeddedTree.write(tree, out);
    return EmbeddedTree.read(new ByteArrayInputStream(out.toByteArray()));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"a\": [1, 2147483648, 123456789012345678901234567890, -0.5, 1e300, -0.0, \"x\", true, false, null], \"b\": {}, \"c\": []}",
      "[{\"k\": {\"n\": [[]]}}, 0, -2147483649, \"\", \"ü€😀\"]",
      "\"text\"", "3", "2.5", "true", "false", "null"})
  void everyKindOfNodeComesBackAsTheSameNode(String json) throws Exception {
    JsonNode tree = new ObjectMapper().readTree(json);
    // equality compares node types too: IntNode, LongNode, BigIntegerNode and DoubleNode are all different
    assertThat(roundTrip(tree)).isEqualTo(tree);
  }

  @Property(tries = 200, seed = "20261129")
  void anyDoubleComesBackBitForBit(@ForAll double x) throws Exception {
    JsonNode back = roundTrip(com.fasterxml.jackson.databind.node.DoubleNode.valueOf(x));
    assertThat(Double.doubleToRawLongBits(back.doubleValue())).isEqualTo(Double.doubleToRawLongBits(x));
  }

  @Property(tries = 100, seed = "20261129")
  void anyNestedTreeComesBackEqual(@ForAll("trees") JsonNode tree) throws Exception {
    assertThat(roundTrip(tree)).isEqualTo(tree);
  }

  @Provide
  Arbitrary<JsonNode> trees() {
    var nodes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12).map(nodes::textNode),
        Arbitraries.integers().map(i -> (JsonNode) nodes.numberNode(i)),
        Arbitraries.longs().map(l -> (JsonNode) nodes.numberNode(l)),
        Arbitraries.doubles().map(d -> (JsonNode) nodes.numberNode(d)),
        Arbitraries.of(nodes.booleanNode(true), nodes.booleanNode(false), nodes.nullNode()));
    return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
        inner,
        inner.list().ofMaxSize(4).map(items -> {
          var array = nodes.arrayNode();
          items.forEach(array::add);
          return (JsonNode) array;
        }),
        Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(6), inner).ofMaxSize(4).map(m -> {
          var object = nodes.objectNode();
          m.forEach(object::set);
          return (JsonNode) object;
        })), 0, 3);
  }

  @Test
  void aTreeThatIsNotOneIsRefused() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EmbeddedTree.write(new ObjectMapper().readTree("{\"a\": 1}"), out);
    byte[] good = out.toByteArray();
    assertThat(EmbeddedTree.read(new ByteArrayInputStream(good))).isNotNull();
    byte[] magic = good.clone();
    magic[0] = 'X';
    byte[] version = good.clone();
    version[7] = 9;
    byte[] tag = good.clone();
    tag[8] = 'q';
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    byte[] cut = Arrays.copyOf(good, good.length - 1);
    for (byte[] bad : new byte[][] {magic, version, tag, trailing, cut, new byte[0]}) {
      assertThatThrownBy(() -> EmbeddedTree.read(new ByteArrayInputStream(bad))).isInstanceOf(IOException.class);
    }
    assertThatThrownBy(() -> EmbeddedTree.write(com.fasterxml.jackson.databind.node.DecimalNode.valueOf(java.math.BigDecimal.ONE),
        new ByteArrayOutputStream())).isInstanceOf(IOException.class).hasMessageContaining("NUMBER");
  }
}
