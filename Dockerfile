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
# Fits a node in 512 MiB of memory (bench/run measures resident memory and start-up with exactly these options): a
# bounded heap and code cache, the serial collector (two cores: no use for parallel collector threads), small stacks
# for Tomcat's many threads. Uploads decode at most two large images at a time, which the heap holds.
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -Xms128m -Xmx384m -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=64m -Xss512k"
ENTRYPOINT ["java", "-jar", "/app/appeal-desk.jar"]
