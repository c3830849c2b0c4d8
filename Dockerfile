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
COPY --from=build /src/target/livestation-archive.jar /app/livestation-archive.jar
USER archive
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/livestation-archive.jar"]
