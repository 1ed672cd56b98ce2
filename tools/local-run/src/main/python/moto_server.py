"""moto's server, as the local run and the tests use it.

moto executes Step Functions definitions; this launcher makes the service integrations of a running
workflow call the service that owns the state, not moto's copy of it. For each service whose
standard endpoint variable is set (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_EVENTBRIDGE,
AWS_ENDPOINT_URL_LAMBDA, ...), a workflow's calls go there: a status write lands in the table the
functions and the pipe read, an event on the bus the rules are evaluated on, a function invocation
in the Lambda service that runs the real handler. Services without a variable stay in moto.

Two defects of moto's Step Functions engine are mended here, each the way AWS behaves:
- the `states:startExecution` integration passed the state's PascalCase parameters to the SDK,
  which names them camelCase (KeyError 'StateMachineArn'), and returned the SDK's response as is
  (camelCase keys, datetime values no execution output can hold);
- an execution started without a name was named "None", so a second one collided with the first.
And one of its DynamoDB: concurrent writes to one item were not atomic (see _serialise_dynamodb_requests).

When the process that started this server goes away, the server stops too: no orphan.
Start it with moto_server's arguments.
"""
import datetime
import importlib
import os
import pkgutil
import sys
import threading
import time
import uuid

import boto3
import botocore.session
from botocore.config import Config

import moto.stepfunctions.parser as stepfunctions_parser
from moto.stepfunctions.parser.asl.utils import boto_client as parser_boto_client
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_sfn import (
    StateTaskServiceSfn,
)

_SESSION = botocore.session.get_session()
_moto_client_for = parser_boto_client.boto_client_for


def _endpoint_variable(service):
    """The SDKs' service-specific endpoint variable: AWS_ENDPOINT_URL_<service id>."""
    service_id = _SESSION.get_service_model(service).service_id
    return "AWS_ENDPOINT_URL_" + str(service_id).upper().replace(" ", "_")


def _routed_client_for(region, service, state_credentials=None):
    endpoint = os.environ.get(_endpoint_variable(service))
    if endpoint is None:
        return _moto_client_for(region, service, state_credentials)
    return boto3.client(
        service_name=service,
        region_name=region,
        endpoint_url=endpoint,
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "local"),
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "local"),
        config=Config(parameter_validation=False, retries={"max_attempts": 0, "total_max_attempts": 1},
                      connect_timeout=10, read_timeout=900),
    )


def _route_workflow_integrations():
    """Every module of moto's workflow engine imported boto_client_for by name: replace it in each."""
    for module_info in pkgutil.walk_packages(stepfunctions_parser.__path__, stepfunctions_parser.__name__ + "."):
        try:
            module = importlib.import_module(module_info.name)
        except ImportError:
            continue
        if getattr(module, "boto_client_for", None) is _moto_client_for:
            module.boto_client_for = _routed_client_for


_moto_normalise_parameters = StateTaskServiceSfn._normalise_parameters


def _sdk_parameters(self, parameters, boto_service_name=None, service_action_name=None):
    _moto_normalise_parameters(self, parameters, boto_service_name, service_action_name)
    model = _SESSION.get_service_model(self._get_boto_service_name(boto_service_name))
    action = service_action_name or self.resource.api_action
    members = {name.lower(): name for name in model.operation_model(action[0].upper() + action[1:]).input_shape.members}
    for key in list(parameters):
        member = members.get(key.lower())
        if member and member != key:
            parameters[member] = parameters.pop(key)
    if action.lower() == "startexecution" and not parameters.get("name"):
        parameters["name"] = str(uuid.uuid4())


def _integration_output(self, response, boto_service_name=None, service_action_name=None):
    """What the optimized integration returns: PascalCase keys, dates as epoch milliseconds."""
    if isinstance(response, dict):
        for key in list(response):
            value = response.pop(key)
            if isinstance(value, datetime.datetime):
                value = int(value.timestamp() * 1000)
            response[key[0].upper() + key[1:]] = value


def _name_unnamed_executions():
    from moto.stepfunctions.parser.models import StepFunctionsParserBackend

    start_execution = StepFunctionsParserBackend.start_execution

    def start_named_execution(self, state_machine_arn, name=None, execution_input=None, *args, **kwargs):
        return start_execution(self, state_machine_arn, name or str(uuid.uuid4()), execution_input, *args, **kwargs)

    StepFunctionsParserBackend.start_execution = start_named_execution


def _serialise_dynamodb_requests():
    """
    DynamoDB applies each write atomically; moto's handler reads an item, changes it and stores it
    back without a lock, and its server answers requests on several threads, so two concurrent
    updates of one counter both read the old value (two invoices got one number) and two conditional
    puts can both pass their condition. One lock around moto's DynamoDB requests makes each one
    atomic, as DynamoDB's are (stricter: requests on different items wait for each other too).
    """
    from moto.dynamodb.responses import DynamoHandler

    lock = threading.Lock()
    call_action = DynamoHandler.call_action

    def one_at_a_time(self):
        with lock:
            return call_action(self)

    DynamoHandler.call_action = one_at_a_time


def _stop_with_parent():
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


_route_workflow_integrations()
StateTaskServiceSfn._normalise_parameters = _sdk_parameters
StateTaskServiceSfn._normalise_response = _integration_output
_name_unnamed_executions()
_serialise_dynamodb_requests()

if __name__ == "__main__":
    from moto.server import main

    _stop_with_parent()
    main(sys.argv[1:])
