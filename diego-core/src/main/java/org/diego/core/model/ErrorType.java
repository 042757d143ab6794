package org.diego.core.model;

/** Diego's error types (bbs models/error.proto); the names are the wire names. */
public enum ErrorType {
    UnknownError, InvalidRecord, InvalidRequest, InvalidResponse, InvalidProtobufMessage, InvalidJSON,
    FailedToOpenEnvelope, InvalidStateTransition, ResourceConflict, ResourceExists, ResourceNotFound,
    RouterError, ActualLRPCannotBeClaimed, ActualLRPCannotBeStarted, ActualLRPCannotBeCrashed,
    ActualLRPCannotBeFailed, ActualLRPCannotBeRemoved, ActualLRPCannotBeUnclaimed,
    RunningOnDifferentCell, GUIDGeneration, Deserialize, Deadlock, Unrecoverable, LockCollision, Timeout
}
