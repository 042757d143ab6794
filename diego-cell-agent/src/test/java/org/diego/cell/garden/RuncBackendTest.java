package org.diego.cell.garden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.diego.cell.garden.runc.ContainerUser;
import org.junit.jupiter.api.Test;

/** The parts of the runc backend that need no runc; RuncBackendIT covers the rest. */
class RuncBackendTest {
    private static final ContainerUser VCAP = new ContainerUser("vcap", 2000, 2000, "/home/vcap");

    @Test
    void aProcessDirIsRelativeToTheUsersHomeAsInGarden() {
        assertEquals("/home/vcap", RuncBackend.workingDir(VCAP, null));
        assertEquals("/home/vcap", RuncBackend.workingDir(VCAP, " "));
        assertEquals("/home/vcap/app", RuncBackend.workingDir(VCAP, "app"));
        assertEquals("/home/vcap/app/bin", RuncBackend.workingDir(VCAP, "./app//bin/"));
        assertEquals("/tmp", RuncBackend.workingDir(VCAP, "/tmp"));
        assertEquals("/home", RuncBackend.workingDir(VCAP, ".."));
        assertEquals("/root", RuncBackend.workingDir(ContainerUser.ROOT, ""));
        assertEquals("/", RuncBackend.workingDir(VCAP, "../../.."), "a path in the container cannot leave it");
    }
}
