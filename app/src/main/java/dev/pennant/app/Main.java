package dev.pennant.app;

public final class Main {
    public static void main(String[] args) {
    }
}
