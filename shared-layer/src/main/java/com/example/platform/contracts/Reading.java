package com.example.platform.contracts;

import java.util.List;

import com.example.platform.http.Problem.Violation;

/** What reading an untrusted document gave: the value, or everything wrong with the document. */
public sealed interface Reading<T> permits Reading.Valid, Reading.Invalid {

    record Valid<T>(T value) implements Reading<T> {
    }

    record Invalid<T>(List<Violation> violations) implements Reading<T> {
        public Invalid {
            violations = List.copyOf(violations);
        }
    }
}
