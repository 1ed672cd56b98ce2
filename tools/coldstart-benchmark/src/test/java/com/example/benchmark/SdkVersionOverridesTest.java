package com.example.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The one change to a sample's build: SDK versions that ignore AWS_ENDPOINT_URL raised to ours,
 * literal ones in the copied pom, property ones by -D; anything else left as declared.
 */
class SdkVersionOverridesTest {

    private static final String POM = """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <properties>
                <sdk.version>2.20.1</sdk.version>
                <junit.version>5.9.0</junit.version>
              </properties>
              <dependencyManagement>
                <dependencies>
                  <dependency>
                    <groupId>software.amazon.awssdk</groupId>
                    <artifactId>bom</artifactId>
                    <version>2.18.14</version>
                    <type>pom</type>
                    <scope>import</scope>
                  </dependency>
                </dependencies>
              </dependencyManagement>
              <dependencies>
                <dependency>
                  <groupId>software.amazon.awssdk</groupId>
                  <artifactId>dynamodb</artifactId>
                </dependency>
                <dependency>
                  <groupId>software.amazon.awssdk</groupId>
                  <artifactId>dynamodb-enhanced</artifactId>
                  <version>2.17.116</version>
                </dependency>
                <dependency>
                  <groupId>software.amazon.awssdk</groupId>
                  <artifactId>s3</artifactId>
                  <version>${sdk.version}</version>
                </dependency>
                <dependency>
                  <groupId>software.amazon.awssdk</groupId>
                  <artifactId>sqs</artifactId>
                  <version>2.30.0</version>
                </dependency>
                <dependency>
                  <groupId>com.fasterxml.jackson.core</groupId>
                  <artifactId>jackson-databind</artifactId>
                  <version>2.13.1</version>
                </dependency>
              </dependencies>
            </project>
            """;

    @Test
    void sdkVersionsThatIgnoreTheEndpointVariableAreRaisedAndEveryOverrideIsListed() {
        SdkVersionOverrides.Overridden overridden = SdkVersionOverrides.apply(POM, "2.41.28");

        assertThat(overridden.overrides()).extracting(Object::toString).containsExactly(
                "software.amazon.awssdk:bom 2.18.14 -> 2.41.28",
                "software.amazon.awssdk:dynamodb-enhanced 2.17.116 -> 2.41.28",
                "-Dsdk.version (software.amazon.awssdk:s3) 2.20.1 -> 2.41.28");
        assertThat(overridden.properties()).isEqualTo(Map.of("sdk.version", "2.41.28"));
        assertThat(overridden.pom()).contains("<version>2.41.28</version>").doesNotContain("2.18.14", "2.17.116")
                .contains("<version>2.30.0</version>", "<version>2.13.1</version>", "<version>${sdk.version}</version>",
                        "<sdk.version>2.20.1</sdk.version>");
    }

    @Test
    void aSampleWhoseSdkReadsTheEndpointVariableIsBuiltAsDeclared() {
        String current = POM.replace("2.18.14", "2.28.1").replace("2.17.116", "2.29.0").replace("<sdk.version>2.20.1", "<sdk.version>2.31.2");

        SdkVersionOverrides.Overridden overridden = SdkVersionOverrides.apply(current, "2.41.28");

        assertThat(overridden.overrides()).isEmpty();
        assertThat(overridden.properties()).isEmpty();
        assertThat(overridden.pom()).isSameAs(current);
    }

    @Test
    void versionsCompareByTheirNumbers() {
        assertThat(SdkVersionOverrides.isOlder("2.28.0")).isTrue();
        assertThat(SdkVersionOverrides.isOlder("2.9.100")).isTrue();
        assertThat(SdkVersionOverrides.isOlder("1.12.700")).isTrue();
        assertThat(SdkVersionOverrides.isOlder("2.28.1")).isFalse();
        assertThat(SdkVersionOverrides.isOlder("2.28.10")).isFalse();
        assertThat(SdkVersionOverrides.isOlder("2.100.0")).isFalse();
        assertThat(SdkVersionOverrides.isOlder("2.27.0-SNAPSHOT")).isTrue();
        assertThat(SdkVersionOverrides.isOlder("[2.0,3.0)")).as("a range is left alone").isFalse();
    }

    @Test
    void aPomThatIsNotXmlIsRefusedAndADoctypeIsNotRead() {
        assertThatThrownBy(() -> SdkVersionOverrides.apply("not a pom", "2.41.28")).hasMessageContaining("not readable XML");
        assertThatThrownBy(() -> SdkVersionOverrides.apply("<!DOCTYPE project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<project>&x;</project>", "2.41.28")).hasMessageContaining("not readable XML");
    }

    @Test
    void theSampleIsBuiltByOneMavenRunToPackageThenItsRuntimeDependenciesCopiedAsSamBuildCopiesThem() {
        AwsSampleBuild build = new AwsSampleBuild(Path.of("/project/mvnw"), Path.of("/jdk"), Path.of("/work"));

        assertThat(build.mavenCommand(Path.of("/work/source/pom.xml"), Map.of("sdk.version", "2.41.28"))).containsExactly(
                "/project/mvnw", "-B", "-f", "/work/source/pom.xml", "clean", "package", "dependency:copy-dependencies",
                "-DskipTests", "-DincludeScope=runtime", "-Dmdep.prependGroupId=true", "-Dsdk.version=2.41.28");
    }
}
