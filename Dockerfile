# Build and run the archive job; configuration comes only from the environment.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -q dependency:go-offline
COPY src src
COPY db db
RUN ./mvnw -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 archive
COPY --from=build /src/target/livestation-archive.jar /tmp/livestation-archive.jar
# class data sharing: the jar extracted to /app (the layout the JVM can archive), then a training run that
# builds the nightly run's context without a database or the API (profile cds-training) and stops there,
# keeping the classes it loaded in /app/livestation-archive.jsa; a start from it loads them ready-made.
# An archive the JVM cannot use (another JDK) is skipped silently (-Xshare:auto).
RUN java -Djarmode=tools -jar /tmp/livestation-archive.jar extract --destination /app \
    && rm /tmp/livestation-archive.jar \
    && java -XX:ArchiveClassesAtExit=/app/livestation-archive.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
       -Dspring.context.exit=onRefresh -jar /app/livestation-archive.jar --spring.profiles.active=cds-training
USER archive
# C1 only (-XX:TieredStopAtLevel=1): a run is too short for C2's compiling to pay back; it halves a start's
# CPU (docs/performance.md, "Start-up").
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=/app/livestation-archive.jsa", "-Xshare:auto", \
    "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", "/app/livestation-archive.jar"]
