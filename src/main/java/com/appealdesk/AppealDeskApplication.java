package com.appealdesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AppealDeskApplication {
    public static void main(String[] args) {
        SpringApplication.run(AppealDeskApplication.class, args);
    }
}
