package com.appealdesk.appeal;

/** Where the appeal came in: the app, the web, the hotline, a chat, e-mail or social media. */
public enum Channel {
    APP, WEB, HOTLINE, CHAT, EMAIL, SOCIAL
}
