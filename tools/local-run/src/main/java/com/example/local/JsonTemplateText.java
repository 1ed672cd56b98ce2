package com.example.local;

import com.fasterxml.jackson.databind.node.TextNode;

/**
 * What the JSON templates AWS fills in (a pipe's InputTemplate, a rule target's input transformer)
 * share: whether a placeholder sits inside a JSON string, and a value's text escaped to sit there.
 */
public final class JsonTemplateText {

    private JsonTemplateText() {
    }

    /** Whether a position of the template lies inside a JSON string literal. */
    public static boolean insideString(String template, int position) {
        boolean inside = false;
        for (int i = 0; i < position; i++) {
            char c = template.charAt(i);
            if (c == '\\' && inside) {
                i++;
            } else if (c == '"') {
                inside = !inside;
            }
        }
        return inside;
    }

    /** Text escaped for the inside of a JSON string, without the quotes. */
    public static String escaped(String text) {
        String json = Json.write(new TextNode(text));
        return json.substring(1, json.length() - 1);
    }
}
