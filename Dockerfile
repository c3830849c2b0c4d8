# Build and run the archive job; configuration comes only from the environment.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -q dependency:go-offline
COPY src src
COPY db db
RUN ./mvnw -q -DskipTests package

# Java 25 runs the jar (built for 17 above): its AOT cache (JEP 483, 514) starts a run faster than Java 17's
# class data sharing (docs/performance.md, "Start-up"). A major-version tag, like the build stage's.
FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 archive
COPY --from=build /src/target/livestation-archive.jar /tmp/livestation-archive.jar
# the AOT cache: the jar extracted to /app (the layout the JVM can cache), then a training run that builds the
# nightly run's context without a database or the API (profile cds-training) and stops there, keeping the
# classes it loaded and linked in /app/livestation-archive.aot; a start from it finds them ready-made. The
# training runs with the entrypoint's paths (a cache is used only with the class path it was made with) and a
# fixed heap, that of the night's pod (75 % of 1 GiB), not a share of the build machine's memory: above 32 GB
# a heap has no compressed pointers, and a cache made so is unused by every pod. A cache the JVM cannot use is
# skipped silently (its logs are off).
RUN java -Djarmode=tools -jar /tmp/livestation-archive.jar extract --destination /app \
    && rm /tmp/livestation-archive.jar \
    && java -Xmx768m -XX:TieredStopAtLevel=1 -XX:AOTCacheOutput=/app/livestation-archive.aot \
       -Xlog:aot=off -Xlog:cds=off -Dspring.context.exit=onRefresh -jar /app/livestation-archive.jar \
       --spring.profiles.active=cds-training
USER archive
# C1 only (-XX:TieredStopAtLevel=1): a run is too short for C2's compiling to pay back; it halves a start's
# CPU (docs/performance.md, "Start-up").
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:TieredStopAtLevel=1", "-XX:AOTCache=/app/livestation-archive.aot", \
    "-Xlog:aot=off", "-Xlog:cds=off", "-jar", "/app/livestation-archive.jar"]
