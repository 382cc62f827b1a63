# Builds and runs Appeal Desk; used by docker-compose.yml.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY processes processes
COPY forms forms
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
RUN useradd --system appeal
COPY --from=build /src/target/appeal-desk-*.jar /app/appeal-desk.jar
USER appeal
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/appeal-desk.jar"]
