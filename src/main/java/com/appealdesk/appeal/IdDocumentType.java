package com.appealdesk.appeal;

/** The identity document the appellant holds; an input of the required-documents decision table. */
public enum IdDocumentType {
    PASSPORT, TAIWAN_TRAVEL_PERMIT, HK_MACAO_TRAVEL_PERMIT, RESIDENT_ID_CARD
}
