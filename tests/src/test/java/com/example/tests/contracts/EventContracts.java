package com.example.tests.contracts;

import java.util.List;

import com.example.platform.contracts.JsonContract;
import com.example.platform.http.Problem.Violation;
import com.example.platform.json.Json;
import com.example.tests.ProjectFiles;

/** The event contracts in {@code contracts/events}, for checking what producers emit and consumers accept. */
public final class EventContracts {

    private EventContracts() {
    }

    public static JsonContract contract(String file) {
        return JsonContract.of(file, Json.parse(ProjectFiles.read("contracts/events/" + file)));
    }

    public static List<Violation> violations(String file, String detailJson) {
        return contract(file).violations(Json.parse(detailJson));
    }
}
