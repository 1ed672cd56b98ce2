"""moto's server, with Lambda invocations handed to the test JVM.

moto runs Step Functions definitions, but it can only run a Lambda function in Docker. The tests
run the real Java handlers in their own JVM instead: this launcher makes moto's Docker-free Lambda
backend POST each invocation's payload to LAMBDA_SERVICE_URL/<function name>. The JVM answers with
the handler's output, with `X-Amz-Function-Error` when the handler threw, or with HTTP 429 to
simulate throttling (moto then raises TooManyRequestsException, as Lambda does).
Start it with moto_server's arguments; set {"lambda": {"use_docker": false}} in moto's config.
"""
import os
import sys
import urllib.error
import urllib.request

from moto.awslambda_simple.models import LambdaSimpleBackend
from moto.core.exceptions import JsonRESTError

LAMBDA_SERVICE_URL = os.environ["LAMBDA_SERVICE_URL"].rstrip("/")


class TooManyRequestsException(JsonRESTError):
    code = 429

    def __init__(self, message):
        super().__init__("TooManyRequestsException", message)


def invoke(self, function_name, qualifier, body, headers, response_headers):
    name = function_name.split(":")[6] if function_name.startswith("arn:") else function_name
    payload = body if isinstance(body, bytes) else (body or "{}").encode("utf-8")
    request = urllib.request.Request(f"{LAMBDA_SERVICE_URL}/{name}", data=payload, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            function_error = response.headers.get("X-Amz-Function-Error")
            if function_error:
                response_headers["x-amz-function-error"] = function_error
            return response.read()
    except urllib.error.HTTPError as failure:
        if failure.code == 429:
            raise TooManyRequestsException(failure.read().decode("utf-8") or "Rate exceeded")
        raise


LambdaSimpleBackend.invoke = invoke

if __name__ == "__main__":
    from moto.server import main

    main(sys.argv[1:])
